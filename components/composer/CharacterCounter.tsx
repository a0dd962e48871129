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

/** From here on the counter warns: about a line of text left. */
export const WARN_REMAINING = 20;

const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * A ring that fills as the text grows (a glance says how much room is left) and the
 * number beside it; both turn to a warning near the limit, and past it the number is
 * the overflow. A polite live region: screen readers announce the count when the person pauses, and
 * the label says what the bare number means.
 */
export function CharacterCounter({ id, remaining, max, style }: CharacterCounterProps) {
  const over = remaining < 0;
  const used = formatNumber(max - remaining);
  const limit = formatNumber(max);
  const filled = Math.min(1, Math.max(0, (max - remaining) / max));
  const state = over ? ' over' : remaining <= WARN_REMAINING ? ' warning' : '';
  return (
    <span
      id={id}
      role="status"
      class={`counter${state}`}
      aria-label={
        over
          ? t('charactersOver', formatNumber(-remaining))
          : style === 'used'
            ? t('charactersUsed', [used, limit])
            : t('charactersLeft', formatNumber(remaining))
      }
    >
      <svg class="counter-ring" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r={RADIUS} class="counter-track" />
        <circle
          cx="12"
          cy="12"
          r={RADIUS}
          class="counter-fill"
          stroke-dasharray={CIRCUMFERENCE}
          stroke-dashoffset={CIRCUMFERENCE * (1 - filled)}
          transform="rotate(-90 12 12)"
        />
      </svg>
      <span class="counter-number">{style === 'used' ? `${used} / ${limit}` : formatNumber(remaining)}</span>
    </span>
  );
}
