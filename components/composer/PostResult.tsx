import { t } from '@/utils/i18n';
import { formatLocalTime } from '../format';

export interface PostResultProps {
  url: string | null;
  /** Set when the post was scheduled rather than published. */
  scheduledAt: string | null;
  /** Extra copies a lost answer left on the server: deleted, and not deletable. */
  removedCopies?: number;
  leftCopies?: number;
  onDismiss(): void;
}

export function PostResult({ url, scheduledAt, removedCopies = 0, leftCopies = 0, onDismiss }: PostResultProps) {
  return (
    <div class="notice success">
      <p role="status">
        {scheduledAt ? (
          t('postScheduled', formatLocalTime(new Date(scheduledAt)))
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
      {removedCopies > 0 && <p>{t('copiesRemoved', String(removedCopies))}</p>}
      {leftCopies > 0 && <p>{t('copiesLeft', String(leftCopies))}</p>}
      <button type="button" class="small" onClick={onDismiss}>
        {t('dismissButton')}
      </button>
    </div>
  );
}
