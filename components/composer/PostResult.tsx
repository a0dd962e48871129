import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DraftTarget } from '@/lib/composer/targets';
import type { UndoOutcome } from '@/lib/messages';
import { webUrl } from '@/lib/web-url';
import { t } from '@/utils/i18n';
import { formatLocalTime } from '../format';
import { postErrorSentence, type ShownPostError } from './PostErrorMessage';

/** Why Undo did not take the post back (the post then stays as it is). */
export type UndoError = (UndoOutcome & { ok: false })['error'] | ShownPostError;

export interface PostResultProps {
  url: string | null;
  /** Set when the post was scheduled rather than published. */
  scheduledAt: string | null;
  /** Extra copies a lost answer left on the server: deleted, and not deletable. */
  removedCopies?: number;
  leftCopies?: number;
  /** Cross-posted: the per-account results, shown instead of the one link. */
  results?: ComponentChildren;
  /** Posted as a thread: each part's link, in order. */
  threadUrls?: Array<string | null>;
  /** Undo is offered until then (ms since the epoch); null: not at all. */
  undoUntil: number | null;
  /** Undo is under way. */
  undoing: boolean;
  undoError: UndoError | null;
  /** The posting account's server, as error sentences name it. */
  host: string;
  onUndo(): void;
  onDismiss(): void;
}

/** What a post's outcome puts in the result; the rest comes from the composer. */
export type PostedResult = Pick<PostResultProps, 'url' | 'scheduledAt' | 'removedCopies' | 'leftCopies' | 'threadUrls'> & {
  /** Cross-posted: each account's result, and the accounts in order. */
  targets?: Record<string, DraftTarget>;
  accounts?: string[];
};

function undoErrorSentence(error: UndoError, host: string): string {
  if (error.code === 'undo-expired') return t('undoExpired');
  if (error.code === 'draft-in-use') return t('undoDraftInUse');
  return t('undoFailed', postErrorSentence(error, host));
}

/** True until `until` has passed; re-renders once at that moment. */
function useBefore(until: number | null): boolean {
  const [, setTick] = useState(0);
  const open = until !== null && Date.now() < until;
  useEffect(() => {
    if (!open) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), until - Date.now());
    return () => clearTimeout(timer);
  }, [until, open]);
  return open;
}

export function PostResult(props: PostResultProps) {
  const { url, scheduledAt, removedCopies = 0, leftCopies = 0, threadUrls, undoUntil, undoing, undoError, host, results, onUndo, onDismiss } = props;
  const canUndo = useBefore(undoUntil);
  return (
    <div class="notice success">
      <p role="status">
        {results ? (
          t('crosspostAllPosted')
        ) : scheduledAt ? (
          t('postScheduled', formatLocalTime(new Date(scheduledAt)))
        ) : threadUrls ? (
          <>
            {t('threadPosted', String(threadUrls.length))}
            {threadUrls.map((partUrl, i) => {
              const link = partUrl ? webUrl(partUrl) : null;
              return (
                link && (
                  <Fragment key={i}>
                    {' '}
                    <a href={link} target="_blank" rel="noopener noreferrer">
                      {t('threadPartView', String(i + 1))}
                    </a>
                  </Fragment>
                )
              );
            })}
          </>
        ) : (
          <>
            {t('postDone')}{' '}
            {url && (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {t('viewPost')}
              </a>
            )}
          </>
        )}
      </p>
      {results}
      {removedCopies > 0 && <p>{t('copiesRemoved', String(removedCopies))}</p>}
      {leftCopies > 0 && <p>{t('copiesLeft', String(leftCopies))}</p>}
      {undoError && <p role="alert">{undoErrorSentence(undoError, host)}</p>}
      {canUndo && (
        <button type="button" class="small" onClick={onUndo} disabled={undoing}>
          {undoing ? t('undoingButton') : t('undoButton')}
        </button>
      )}
      <button type="button" class="small" onClick={onDismiss}>
        {t('dismissButton')}
      </button>
    </div>
  );
}
