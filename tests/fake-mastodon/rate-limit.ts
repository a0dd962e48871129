/** Mastodon's per-token (or per-IP when unauthenticated) API budget: 300 requests per 5 minutes. */
const LIMIT = 300;
const PERIOD_MS = 5 * 60 * 1000;
/** How far ahead a faked 429 puts the reset: short, so tests and the demo can wait it out. */
const THROTTLED_FOR_MS = 3000;

export type RateLimitHeaders = Record<'X-RateLimit-Limit' | 'X-RateLimit-Remaining' | 'X-RateLimit-Reset', string>;

/**
 * Counts each caller's requests in Rack::Attack's fixed windows. Mastodon safelists
 * localhost, so this only reports the budget; running out never throttles (faults do).
 */
export function createRateLimiter(): { consume(key: string, now: number): RateLimitHeaders } {
  const used = new Map<string, { window: number; count: number }>();
  return {
    consume(key, now) {
      const window = Math.floor(now / PERIOD_MS);
      const entry = used.get(key);
      const count = entry && entry.window === window ? entry.count + 1 : 1;
      used.set(key, { window, count });
      return {
        'X-RateLimit-Limit': String(LIMIT),
        'X-RateLimit-Remaining': String(Math.max(0, LIMIT - count)),
        'X-RateLimit-Reset': new Date((window + 1) * PERIOD_MS).toISOString(),
      };
    },
  };
}

export function throttledHeaders(now: number): RateLimitHeaders {
  return {
    'X-RateLimit-Limit': String(LIMIT),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(now + THROTTLED_FOR_MS).toISOString(),
  };
}
