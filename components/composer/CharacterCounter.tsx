import { t } from '@/utils/i18n';

export interface CharacterCounterProps {
  id: string;
  /** Characters the instance still allows; negative when over its limit. */
  remaining: number;
}

/**
 * A polite live region: screen readers announce the count when the person pauses, and
 * the label says what the bare number means.
 */
export function CharacterCounter({ id, remaining }: CharacterCounterProps) {
  const over = remaining < 0;
  return (
    <span
      id={id}
      role="status"
      class={over ? 'counter over' : 'counter'}
      aria-label={over ? t('charactersOver', String(-remaining)) : t('charactersLeft', String(remaining))}
    >
      {remaining}
    </span>
  );
}
