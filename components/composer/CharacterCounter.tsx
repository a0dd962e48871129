import type { CounterStyle } from '@/lib/settings';
import { t } from '@/utils/i18n';

export interface CharacterCounterProps {
  id: string;
  /** Characters the instance still allows; negative when over its limit. */
  remaining: number;
  max: number;
  style: CounterStyle;
}

/**
 * A polite live region: screen readers announce the count when the person pauses, and
 * the label says what the bare number means.
 */
export function CharacterCounter({ id, remaining, max, style }: CharacterCounterProps) {
  const over = remaining < 0;
  const used = String(max - remaining);
  return (
    <span
      id={id}
      role="status"
      class={over ? 'counter over' : 'counter'}
      aria-label={
        over
          ? t('charactersOver', String(-remaining))
          : style === 'used'
            ? t('charactersUsed', [used, String(max)])
            : t('charactersLeft', String(remaining))
      }
    >
      {style === 'used' ? `${used} / ${max}` : remaining}
    </span>
  );
}
