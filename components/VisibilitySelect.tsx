import { useId } from 'preact/hooks';
import type { DraftVisibility } from '@/lib/composer/draft';
import { visibilityChoices, type VisibilityChoice } from './visibility-choices';

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
