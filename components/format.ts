import { browser } from 'wxt/browser';
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
  return new Intl.DateTimeFormat(browser.i18n.getUILanguage(), {
    ...(sameDay ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
  }).format(date);
}

/** A rate-limited server's "try again after" time, as the person's clock shows it; null when unknown or unreadable. */
export function retryTime(retryAt: string | undefined): string | null {
  const at = retryAt ? new Date(retryAt) : null;
  return at && !Number.isNaN(at.getTime()) ? formatLocalTime(at) : null;
}
