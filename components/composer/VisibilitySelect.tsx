import { useId } from 'preact/hooks';
import type { DraftVisibility } from '@/lib/composer/draft';
import { t, type MessageKey } from '@/utils/i18n';

/** Mastodon's order, widest audience first; GoToSocial's mutuals-only before direct. */
const LABELS: Record<DraftVisibility, MessageKey> = {
  public: 'visibilityPublic',
  unlisted: 'visibilityUnlisted',
  private: 'visibilityPrivate',
  mutuals_only: 'visibilityMutualsOnly',
  direct: 'visibilityDirect',
};

export interface VisibilitySelectProps {
  /** The draft's choice, else the account's default. */
  value: DraftVisibility;
  /** The server has a mutuals-only visibility (GoToSocial). */
  mutualsOnly?: boolean;
  onChange(visibility: DraftVisibility): void;
}

export function VisibilitySelect({ value, mutualsOnly = false, onChange }: VisibilitySelectProps) {
  const id = useId();
  const offered = (Object.keys(LABELS) as DraftVisibility[]).filter((v) => v !== 'mutuals_only' || mutualsOnly);
  return (
    <div class="field">
      <label for={id}>{t('visibilityLabel')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as DraftVisibility)}>
        {offered.map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(LABELS[visibility])}
          </option>
        ))}
      </select>
    </div>
  );
}
