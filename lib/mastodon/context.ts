/** What every endpoint function needs: where, and how to fetch (injected for tests). */
export interface ClientContext {
  /** Canonical origin, e.g. `https://example.social`. */
  origin: string;
  fetch: typeof fetch;
  /** Milliseconds before a request counts as timed out (default 15 s). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The largest answer read from an instance. Mastodon's biggest JSON answers (instance
 * info, a page of statuses) are tens of kilobytes; anything over this is refused rather
 * than held in memory.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
