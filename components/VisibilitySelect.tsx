import { useId } from 'preact/hooks';
import type { DraftVisibility } from '@/lib/composer/draft';
import { t, type MessageKey } from '@/utils/i18n';

/**
 * Mastodon's own words for its four levels (its web app's privacy menu), widest audience
 * first as there: the same names everywhere a person picks one.
 */
const LABELS: Record<DraftVisibility, MessageKey> = {
  public: 'visibilityPublic',
  unlisted: 'visibilityUnlisted',
  private: 'visibilityPrivate',
  // GoToSocial's mutuals-only, offered only where the server has it.
  mutuals_only: 'visibilityMutualsOnly',
  direct: 'visibilityDirect',
};

/** A select's value is a string: "no choice here" is the empty one. */
const UNSET = '';

export interface VisibilitySelectProps<V extends DraftVisibility = DraftVisibility> {
  label: string;
  value: V | null;
  /** The server has a mutuals-only visibility (GoToSocial). */
  mutualsOnly?: boolean;
  /** Offers "no choice here" (null), e.g. the account's default, under this name. */
  unsetLabel?: string;
  /** Id of a hint that explains the choice. */
  describedBy?: string;
  onChange(visibility: V | null): void;
}

export function VisibilitySelect<V extends DraftVisibility>({
  label,
  value,
  mutualsOnly = false,
  unsetLabel,
  describedBy,
  onChange,
}: VisibilitySelectProps<V>) {
  const id = useId();
  const offered = (Object.keys(LABELS) as V[]).filter((v) => v !== 'mutuals_only' || mutualsOnly);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        aria-describedby={describedBy}
        value={value ?? UNSET}
        onChange={(event) => onChange((event.currentTarget.value || null) as V | null)}
      >
        {unsetLabel !== undefined && <option value={UNSET}>{unsetLabel}</option>}
        {offered.map((visibility) => (
          <option key={visibility} value={visibility}>
            {t(LABELS[visibility])}
          </option>
        ))}
      </select>
    </div>
  );
}
