import type { CounterStyle } from '@/lib/settings';
import { t } from '@/utils/i18n';
import { formatNumber } from '../format';

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
  const used = formatNumber(max - remaining);
  const limit = formatNumber(max);
  return (
    <span
      id={id}
      role="status"
      class={over ? 'counter over' : 'counter'}
      aria-label={
        over
          ? t('charactersOver', formatNumber(-remaining))
          : style === 'used'
            ? t('charactersUsed', [used, limit])
            : t('charactersLeft', formatNumber(remaining))
      }
    >
      {style === 'used' ? `${used} / ${limit}` : formatNumber(remaining)}
    </span>
  );
}
