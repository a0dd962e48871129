/** What every endpoint function needs: where, and how to fetch (injected for tests). */
export interface ClientContext {
  /** Canonical origin, e.g. `https://example.social`. */
  origin: string;
  fetch: typeof fetch;
  /** Milliseconds before a request counts as timed out (default 15 s). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
