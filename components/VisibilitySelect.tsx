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

/** The one line under each name in Mastodon's privacy menu. */
const DESCRIPTIONS: Record<Visibility, MessageKey> = {
  public: 'visibilityPublicDescription',
  unlisted: 'visibilityUnlistedDescription',
  private: 'visibilityPrivateDescription',
  direct: 'visibilityDirectDescription',
};

/** One choice of who may see a post, as a menu shows it. */
export interface VisibilityChoice<V extends string = Visibility> {
  value: V;
  label: string;
  description: string;
}

/**
 * Mastodon's four levels as data: a server that offers others (local-only, mutuals-only)
 * hands the composer its own list of choices instead.
 */
export function mastodonVisibilityChoices(): VisibilityChoice[] {
  return (Object.keys(LABELS) as Visibility[]).map((value) => ({ value, label: t(LABELS[value]), description: t(DESCRIPTIONS[value]) }));
}

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
