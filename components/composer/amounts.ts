/** Durations and sizes as the composer's folded parts (poll, problems) word them, in the browser's UI language. */
import { uiLanguage } from '@/utils/i18n';

const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
] as const;

/** 300 → "5 minutes", 86400 → "1 day": the largest unit that divides the duration evenly. */
export function formatDuration(seconds: number): string {
  const [unit, size] = UNITS.find(([, size]) => seconds % size === 0) ?? ['second', 1];
  return new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
}

/** Servers announce sizes in bytes; people think in (binary) megabytes, as Mastodon shows them. */
export function formatMegabytes(bytes: number): string {
  return new Intl.NumberFormat(uiLanguage(), { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}
