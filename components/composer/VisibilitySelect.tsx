import { useId } from 'preact/hooks';
import type { AccountView } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';

type Visibility = AccountView['defaults']['visibility'];

/** Mastodon's order, widest audience first. */
const LABELS: Record<Visibility, MessageKey> = {
  public: 'visibilityPublic',
  unlisted: 'visibilityUnlisted',
  private: 'visibilityPrivate',
  direct: 'visibilityDirect',
};

export interface VisibilitySelectProps {
  /** The draft's choice, else the account's default. */
  value: Visibility;
  onChange(visibility: Visibility): void;
}

export function VisibilitySelect({ value, onChange }: VisibilitySelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{t('visibilityLabel')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as Visibility)}>
        {(Object.keys(LABELS) as Visibility[]).map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(LABELS[visibility])}
          </option>
        ))}
      </select>
    </div>
  );
}
