import { t, type MessageKey } from '@/utils/i18n';
import { formatLocalTime } from './format';
import { inputProblemText } from './input-problem';

/** A rate-limited server's "try again after" time, as the person's clock shows it; null when unknown or unreadable. */
export function retryTime(retryAt: string | undefined): string | null {
  const at = retryAt ? new Date(retryAt) : null;
  return at && !Number.isNaN(at.getTime()) ? formatLocalTime(at) : null;
}

/** The failures connecting and signing up share: the address, or the server at it, can't be used at all. */
export interface UnusableServer {
  code: 'invalid-input' | 'unreachable' | 'not-mastodon' | 'unexpected-response';
  /** invalid-input: the problem with the typed address. */
  detail?: string;
}

/** One sentence per way a server can't be used, the same whether connecting or signing up. */
export function unusableServerText({ code, detail }: UnusableServer, host: string): string {
  switch (code) {
    case 'invalid-input':
      return inputProblemText(detail);
    case 'unreachable':
      return t('errorUnreachable', host);
    case 'not-mastodon':
      return t('errorNotMastodon', host);
    case 'unexpected-response':
      return t('errorUnexpectedResponse', host);
  }
}

/** A 429, with the time the server named for trying again where it named one. */
export function rateLimitedText(retryAt: string | undefined, host: string, until: MessageKey, plain: MessageKey): string {
  const time = retryTime(retryAt);
  return time ? t(until, [host, time]) : t(plain, host);
}
