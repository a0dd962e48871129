import { t } from '@/utils/i18n';
import { formatLocalTime } from '../format';

export interface PostResultProps {
  url: string | null;
  /** Set when the post was scheduled rather than published. */
  scheduledAt: string | null;
  onDismiss(): void;
}

export function PostResult({ url, scheduledAt, onDismiss }: PostResultProps) {
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
      <button type="button" class="small" onClick={onDismiss}>
        {t('dismissButton')}
      </button>
    </div>
  );
}
