import type { DraftMedia } from '@/lib/composer/draft';
import { t } from '@/utils/i18n';
import { MediaItem } from './MediaItem';
import './MediaList.css';

export interface MediaListProps {
  media: DraftMedia[];
  localPreviews: Record<string, string>;
  descriptionLimit: number | null;
  onDescribe(localId: string, description: string): void;
  onDescriptionBlur(): void;
  /** Bytes sent of uploads under way, by local id. */
  progress: Record<string, { sent: number; total: number }>;
  onRemove(localId: string): void;
  onRetry(localId: string): void;
  onCancel(localId: string): void;
}

export function MediaList({ media, localPreviews, descriptionLimit, progress, onDescribe, onDescriptionBlur, onRemove, onRetry, onCancel }: MediaListProps) {
  if (media.length === 0) return null;
  return (
    <ul class="media-list" aria-label={t('mediaListLabel')}>
      {media.map((m) => (
        <MediaItem
          key={m.localId}
          media={m}
          localPreview={localPreviews[m.localId]}
          descriptionLimit={descriptionLimit}
          onDescribe={(description) => onDescribe(m.localId, description)}
          onDescriptionBlur={onDescriptionBlur}
          onRemove={() => onRemove(m.localId)}
          progress={m.state === 'uploading' ? progress[m.localId] : undefined}
          onRetry={() => onRetry(m.localId)}
          onCancel={() => onCancel(m.localId)}
        />
      ))}
    </ul>
  );
}
