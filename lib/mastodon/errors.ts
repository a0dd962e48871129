/**
 * Everything that can go wrong talking to an instance, as one typed error.
 * Callers branch on `kind` and `status`; the server's own words travel along so the
 * UI can show them.
 */
export type MastodonErrorKind =
  | 'network' // no HTTP answer: DNS, refused, offline, CORS failure
  | 'timeout' // no answer in time
  | 'http' // an HTTP error status (4xx/5xx)
  | 'not-json' // a body that is not JSON (HTML page, truncated JSON)
  | 'shape' // JSON, but not the shape the docs promise
  | 'too-large' // a body over MAX_RESPONSE_BYTES: no API answer is that big
  | 'redirected' // a redirect on a request carrying credentials: never followed
  | 'token-type'; // a token other than Bearer (e.g. DPoP-bound), which Fedipost cannot use

export interface MastodonErrorDetails {
  kind: MastodonErrorKind;
  status?: number;
  /** The `error` field of Mastodon's error entity (or OAuth's error code). */
  error?: string;
  /** OAuth's `error_description`, when present. */
  description?: string;
  /** From `X-RateLimit-Reset` on a 429, ISO 8601. */
  retryAt?: string;
  /** The parsed JSON error body, for endpoints that say more than `error` (422 `details`). */
  body?: unknown;
  endpoint: string;
}

export class MastodonError extends Error {
  override readonly name = 'MastodonError';
  readonly details: MastodonErrorDetails;

  constructor(details: MastodonErrorDetails, options?: { cause?: unknown }) {
    super(describe(details), options);
    this.details = details;
  }

  get kind(): MastodonErrorKind {
    return this.details.kind;
  }
  get status(): number | undefined {
    return this.details.status;
  }
  /** The server's own explanation, best first. */
  get serverText(): string | undefined {
    return this.details.description ?? this.details.error;
  }
}

function describe(d: MastodonErrorDetails): string {
  const status = d.status === undefined ? '' : ` ${d.status}`;
  const text = d.description ?? d.error;
  return `${d.endpoint}: ${d.kind}${status}${text ? ` (${text})` : ''}`;
}
