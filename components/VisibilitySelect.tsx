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

/** The one line under each name in Mastodon's privacy menu. */
const DESCRIPTIONS: Record<DraftVisibility, MessageKey> = {
  public: 'visibilityPublicDescription',
  unlisted: 'visibilityUnlistedDescription',
  private: 'visibilityPrivateDescription',
  mutuals_only: 'visibilityMutualsOnlyDescription',
  direct: 'visibilityDirectDescription',
};

/** One choice of who may see a post, as a menu shows it. */
export interface VisibilityChoice<V extends string = DraftVisibility> {
  value: V;
  label: string;
  description: string;
}

/**
 * The server's levels as data, widest audience first: Mastodon's four, and GoToSocial's
 * mutuals-only where the server has it. Every picker (menu or select) lists these.
 */
export function visibilityChoices(mutualsOnly = false): VisibilityChoice[] {
  return (Object.keys(LABELS) as DraftVisibility[])
    .filter((value) => value !== 'mutuals_only' || mutualsOnly)
    .map((value) => ({ value, label: t(LABELS[value]), description: t(DESCRIPTIONS[value]) }));
}

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
  const offered = visibilityChoices(mutualsOnly) as VisibilityChoice<V>[];
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
        {offered.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
