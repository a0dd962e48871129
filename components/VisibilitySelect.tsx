import { useId } from 'preact/hooks';
import type { Visibility } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';

/**
 * Mastodon's own words for its four levels (its web app's privacy menu), widest audience
 * first as there: the same names everywhere a person picks one.
 */
const LABELS: Record<Visibility, MessageKey> = {
  public: 'visibilityPublic',
  unlisted: 'visibilityUnlisted',
  private: 'visibilityPrivate',
  direct: 'visibilityDirect',
};

/** A select's value is a string: "no choice here" is the empty one. */
const UNSET = '';

export interface VisibilitySelectProps {
  label: string;
  value: Visibility | null;
  /** Offers "no choice here" (null), e.g. the account's default, under this name. */
  unsetLabel?: string;
  /** Id of a hint that explains the choice. */
  describedBy?: string;
  onChange(visibility: Visibility | null): void;
}

export function VisibilitySelect({ label, value, unsetLabel, describedBy, onChange }: VisibilitySelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        aria-describedby={describedBy}
        value={value ?? UNSET}
        onChange={(event) => onChange((event.currentTarget.value || null) as Visibility | null)}
      >
        {unsetLabel !== undefined && <option value={UNSET}>{unsetLabel}</option>}
        {(Object.keys(LABELS) as Visibility[]).map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(LABELS[visibility])}
          </option>
        ))}
      </select>
    </div>
  );
}
