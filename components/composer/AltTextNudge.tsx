import { t } from '@/utils/i18n';
import './AltTextNudge.css';

export interface AltTextNudgeProps {
  /** Takes the person to the first description still empty. */
  onAdd(): void;
  onPostAnyway(): void;
}

/**
 * Asked once per draft when an attachment has no description: people who can't see an
 * image learn what it shows only from its alt text. "Post anyway" respects the choice.
 */
export function AltTextNudge({ onAdd, onPostAnyway }: AltTextNudgeProps) {
  return (
    <div class="nudge warning" role="group" aria-labelledby="alt-nudge-title">
      <p role="alert">
        <strong id="alt-nudge-title">{t('altNudgeTitle')}</strong> {t('altNudgeText')}
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={onAdd}>
          {t('altNudgeAdd')}
        </button>
        <button type="button" onClick={onPostAnyway}>
          {t('altNudgePostAnyway')}
        </button>
      </div>
    </div>
  );
}
