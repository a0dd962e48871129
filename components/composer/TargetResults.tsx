import type { DraftMedia } from '@/lib/composer/draft';
import type { DraftTarget } from '@/lib/composer/targets';
import type { PostError } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { formatLocalTime } from '../format';
import { handle } from './format';
import { postErrorSentence } from './PostErrorMessage';
import './TargetResults.css';

export interface TargetResultsProps {
  /** Every chosen account, the draft's own first. */
  accounts: string[];
  /** Each account's posting state, by account id (none yet: not sent). */
  targets: Record<string, DraftTarget | undefined>;
  /** The draft's files, for their names. */
  media: Pick<DraftMedia, 'localId' | 'fileName'>[];
  /** Bytes sent of uploads under way, by `<accountId> <localId>`. */
  progress: Record<string, { sent: number; total: number }>;
  /** The host of each account's server, as error sentences name it. */
  hostOf(accountId: string): string;
  /** A post is under way: no "Try again" meanwhile. */
  busy: boolean;
  onRetry(accountId: string): void;
  onReconnect(accountId: string): void;
}

/**
 * Cross-posting: one line per account — posted (with its link), scheduled, failed (its
 * own reason and its own "Try again"), or under way with each file's upload.
 */
export function TargetResults({ accounts, targets, media, progress, hostOf, busy, onRetry, onReconnect }: TargetResultsProps) {
  return (
    <ul class="target-results" aria-label={t('crosspostResultsLabel')}>
      {accounts.map((accountId) => {
        const target = targets[accountId];
        const who = handle(accountId);
        return (
          <li key={accountId} class={`target-result ${target?.state ?? 'pending'}`}>
            <span class="handle">{who}</span>{' '}
            {target?.state === 'posted' && (
              <span>
                {t('postDone')}{' '}
                {target.statuses[0]?.url && (
                  <a href={target.statuses[0].url} target="_blank" rel="noopener noreferrer">
                    {t('viewPostAs', who)}
                  </a>
                )}
              </span>
            )}
            {target?.state === 'scheduled' && target.scheduledAt && <span>{t('postScheduled', formatLocalTime(new Date(target.scheduledAt)))}</span>}
            {target?.state === 'posting' && (
              <span role="status">
                {t('posting')}
                {media.map((m) => {
                  const upload = target.media[m.localId];
                  const bytes = progress[`${accountId} ${m.localId}`];
                  if (upload?.state !== 'uploading' && upload?.state !== 'processing') return null;
                  const percent = upload.state === 'uploading' && bytes && bytes.total > 0 ? Math.floor((bytes.sent / bytes.total) * 100) : null;
                  return (
                    <span key={m.localId} class="hint">
                      {' '}
                      {upload.state === 'processing'
                        ? t('crosspostProcessing', m.fileName)
                        : percent !== null
                          ? t('crosspostUploadProgress', [m.fileName, String(percent)])
                          : t('crosspostUploading', m.fileName)}
                    </span>
                  );
                })}
              </span>
            )}
            {(!target || target.state === 'pending') && <span class="hint">{t('crosspostWaiting')}</span>}
            {target?.state === 'failed' && target.error && (
              <>
                <span role="alert" class="target-error">
                  {postErrorSentence(target.error as PostError, hostOf(accountId))}
                </span>{' '}
                {target.error.code === 'unauthorized' ? (
                  <button type="button" class="small" onClick={() => onReconnect(accountId)}>
                    {t('reconnectButton', who)}
                  </button>
                ) : (
                  // Asking again is safe: this account's own Idempotency-Key (and the lost-answer check).
                  <button type="button" class="small" disabled={busy} aria-label={t('tryAgainAsButton', who)} onClick={() => onRetry(accountId)}>
                    {t('tryAgainButton')}
                  </button>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
