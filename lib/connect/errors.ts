import type { ConnectError, ConnectErrorCode } from '../messages';
import { MastodonError } from '../mastodon/errors';

/** A connect step failed in a way the person must be told about. */
export class ConnectFailure extends Error {
  override readonly name = 'ConnectFailure';
  readonly error: ConnectError;
  constructor(error: ConnectError, options?: { cause?: unknown }) {
    super(error.code, options);
    this.error = error;
  }
}

/**
 * Maps an instance's failure to what the person is told. Transport problems and
 * rate limits read the same at every step; anything else is `otherwise` — the step
 * knows what a refusal means there.
 */
export function connectErrorFrom(error: unknown, origin: string, otherwise: ConnectErrorCode): ConnectError {
  if (error instanceof ConnectFailure) return error.error;
  if (!(error instanceof MastodonError)) return { code: 'unexpected-response', origin, detail: String(error) };
  const { status, retryAt } = error.details;
  const base = { origin, status, detail: error.serverText };
  switch (error.kind) {
    case 'network':
      return { code: 'unreachable', origin };
    case 'timeout':
      return { code: 'unreachable', origin, detail: 'timeout' };
    case 'too-large':
      return { code: 'response-too-large', origin };
    case 'redirected':
      return { code: 'redirected', origin, status };
    case 'token-type':
      return { code: 'unsupported-token-type', origin, detail: error.details.error };
    case 'http':
      if (status === 429) return { ...base, code: 'rate-limited', retryAt };
      if (status !== undefined && status >= 500 && otherwise !== 'registration-refused') return { ...base, code: 'server-error' };
      return { ...base, code: otherwise };
    default:
      return { ...base, code: otherwise === 'not-mastodon' ? 'not-mastodon' : 'unexpected-response' };
  }
}

/** `launchWebAuthFlow` rejects with free text; these are the messages browsers use. */
export function authWindowErrorFrom(error: unknown, origin: string): ConnectError {
  const message = error instanceof Error ? error.message : String(error);
  // Chrome: "The user did not approve access."; Firefox: "User cancelled or denied access."
  if (/did not approve|cancel|denied|closed/i.test(message)) return { code: 'cancelled', origin };
  return { code: 'auth-page-failed', origin, detail: message };
}
