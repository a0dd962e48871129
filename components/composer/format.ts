/** Formatting for the composer, in the browser's UI language. */
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

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as `<input type="datetime-local">` shows it: the person's local wall clock. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The input's local wall-clock value as an ISO instant; null when the field is cleared or invalid. */
export function fromLocalInputValue(value: string): string | null {
  // Without an offset, a date-time string is local time (ECMAScript Date parsing).
  const date = new Date(value);
  return value === '' || Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `@alice@example.social` as the UI names an account. */
export const handle = (accountId: string) => `@${accountId}`;
