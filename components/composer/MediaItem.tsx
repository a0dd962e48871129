import { useId } from 'preact/hooks';
import type { DraftMedia } from '@/lib/composer/draft';
import { t, type MessageKey } from '@/utils/i18n';
import { formatNumber } from '../format';

/** Error codes the background records for a failed upload; anything else is the server's words. */
const UPLOAD_ERRORS: Record<string, MessageKey> = {
  'file-missing': 'uploadErrorFileMissing',
  'fetch-interrupted': 'uploadErrorFetchInterrupted',
  interrupted: 'uploadErrorInterrupted',
  cancelled: 'uploadErrorCancelled',
  timeout: 'uploadErrorUnreachable',
  'media-type': 'uploadErrorMediaType',
  'media-too-large': 'uploadErrorTooLarge',
  unreachable: 'uploadErrorUnreachable',
  'server-error': 'uploadErrorServer',
  'rate-limited': 'uploadErrorRateLimited',
  unauthorized: 'uploadErrorUnauthorized',
  forbidden: 'uploadErrorForbidden',
  rejected: 'uploadErrorRejected',
  'unexpected-response': 'uploadErrorUnexpected',
  'processing-timeout': 'uploadErrorProcessingTimeout',
  redirected: 'uploadErrorRedirected',
};

/**
 * No Retry: a shared image the instance's limits rule out (checked like a picked file), or
 * one whose fetch was cut off before it arrived (the message says to share it again).
 */
const NO_RETRY = new Set(['media-type', 'media-too-large', 'fetch-interrupted']);

function failureReason(error: string | null): string {
  if (error === null) return t('uploadErrorUnknown');
  return Object.hasOwn(UPLOAD_ERRORS, error) ? t(UPLOAD_ERRORS[error]!) : t('errorReasonDetail', error);
}

export interface MediaItemProps {
  media: DraftMedia;
  /** The file's local object URL, shown until the server has a preview. */
  localPreview: string | undefined;
  descriptionLimit: number | null;
  onDescribe(description: string): void;
  onDescriptionBlur(): void;
  /** Bytes sent so far, while uploading (none yet: the bar has no value). */
  progress: { sent: number; total: number } | undefined;
  onRemove(): void;
  onRetry(): void;
  onCancel(): void;
}

export function MediaItem({ media, localPreview, descriptionLimit, progress, onDescribe, onDescriptionBlur, onRemove, onRetry, onCancel }: MediaItemProps) {
  const id = useId();
  const { fileName, state } = media;
  const thumbnail = media.previewUrl ?? localPreview;
  const percent = progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : null;
  const phaseText = t(state === 'fetching' ? 'mediaFetching' : state === 'uploading' ? 'mediaUploading' : state === 'processing' ? 'mediaProcessing' : 'mediaReady');
  const stateText = state === 'uploading' && percent !== null ? t('mediaUploadingPercent', formatNumber(percent)) : phaseText;
  const bar = state === 'ready' ? { value: 1, max: 1 } : state === 'uploading' && progress && progress.total > 0 ? { value: progress.sent, max: progress.total } : {};
  // Counted as the server counts (code points), like checkDraft.
  const left = descriptionLimit === null ? null : descriptionLimit - [...media.description].length;

  return (
    <li class="media-item">
      {/* Decorative: the file name is next to it, and the alt text is being written below. */}
      {thumbnail ? (
        <img class="media-thumb" src={thumbnail} alt="" />
      ) : (
        <span class="media-thumb" aria-hidden="true">
          {media.mimeType.split('/')[0]}
        </span>
      )}
      <div class="media-body">
        <div class="media-head">
          <span class="media-name">{fileName}</span>
          <button type="button" class="small" aria-label={t('removeMediaLabel', fileName)} onClick={onRemove}>
            {t('removeMediaButton')}
          </button>
        </div>
        {state === 'failed' ? (
          <div class="media-failed">
            <p role="alert" class="field-error">
              {t('mediaFailed', failureReason(media.error))}
            </p>
            {/* Retrying could not help: it can only be removed. */}
            {!NO_RETRY.has(media.error ?? '') && (
              <button type="button" class="small" aria-label={t('retryUploadLabel', fileName)} onClick={onRetry}>
                {t('retryUploadButton')}
              </button>
            )}
          </div>
        ) : (
          <div class="media-state">
            {/* Keyed by state: an indeterminate bar is one without a value attribute, and
                Preact leaves an old value in place when the prop goes away. */}
            <progress
              key={state}
              aria-label={t('uploadProgressLabel', fileName)}
              aria-valuetext={stateText}
              {...bar}
            />
            {/* Screen readers hear each phase once (uploading, processing, ready), not
                every percent: the live region, always the same element, holds the phase;
                while a percentage is known the eye reads that instead. */}
            <span role="status" class={percent === null || state !== 'uploading' ? 'hint' : 'visually-hidden'}>
              {phaseText}
            </span>
            {state === 'uploading' && percent !== null && (
              <span class="hint" aria-hidden="true">
                {stateText}
              </span>
            )}
            {state === 'uploading' && (
              <button type="button" class="small" aria-label={t('cancelUploadLabel', fileName)} onClick={onCancel}>
                {t('cancelUploadButton')}
              </button>
            )}
          </div>
        )}
        <label for={`${id}-alt`} class="visually-hidden">
          {t('altTextLabel', fileName)}
        </label>
        <textarea
          id={`${id}-alt`}
          class="alt-text"
          rows={2}
          placeholder={t('altTextPlaceholder')}
          maxLength={descriptionLimit ?? undefined}
          aria-describedby={left === null ? undefined : `${id}-left`}
          value={media.description}
          onInput={(event) => onDescribe(event.currentTarget.value)}
          onBlur={onDescriptionBlur}
        />
        {left !== null && (
          <span id={`${id}-left`} class={left < 0 ? 'counter over' : 'counter'}>
            {t('charactersLeft', String(left))}
          </span>
        )}
      </div>
    </li>
  );
}
