import { uiLanguage } from '@/utils/i18n';

/** `https://example.social` → `example.social` (keeps a port: loopback test servers have one). */
export function hostOf(origin: string): string {
  return new URL(origin).host;
}

/**
 * A retry time as the person's clock shows it; the date is added only when it is not
 * today, so a short rate limit reads "after 14:05".
 */
export function formatLocalTime(date: Date, now: Date = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(uiLanguage(), {
    ...(sameDay ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
  }).format(date);
}

/** A count in the UI language's digits and grouping (١٢٣ in Arabic, 1.234 in German). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}
