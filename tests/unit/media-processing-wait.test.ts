import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProcessingTimeout, waitUntilProcessed } from '@/lib/composer/upload';
import { stubFetch } from '../helpers/stub-fetch';

/**
 * While the server processes a video, the composer asks GET /api/v1/media/:id until it is
 * ready. What the server sees: a first look after a short wait, then looks further and
 * further apart, never more often than that first wait nor less often than the cap, and
 * an end to it when processing never finishes. (Mastodon counts these against the
 * account's rate limit: 300 requests per 5 minutes.)
 */
const processing = { id: 'm1', type: 'video', url: null, preview_url: null, description: null };
const ready = { ...processing, url: 'https://x.social/m1.mp4' };

/** A server that is done after `polls` looks; the times (fake clock, ms) at which it was asked. */
function server(polls: number) {
  const times: number[] = [];
  const { fetch } = stubFetch({
    'GET /api/v1/media/m1': () => {
      times.push(Date.now());
      return times.length >= polls ? { status: 200, json: ready } : { status: 206, json: processing };
    },
  });
  return { ctx: { origin: 'https://x.social', fetch, timeoutMs: 1000 }, times };
}

const gaps = (times: number[]) => times.map((t, i) => t - (i === 0 ? 0 : times[i - 1]!));

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('waiting for the server to process a file', () => {
  it('looks after 250 ms, then half as long again each time, at most every 2 s', async () => {
    const s = server(9);
    const waiting = waitUntilProcessed(s.ctx, 'token', 'm1');
    await vi.runAllTimersAsync();
    expect((await waiting).url).toBe(ready.url);
    const expected = [250, 375, 562.5, 843.75, 1265.6, 1898.4, 2000, 2000, 2000];
    // The clock counts whole milliseconds.
    expect(gaps(s.times)).toHaveLength(expected.length);
    gaps(s.times).forEach((gap, i) => expect(Math.abs(gap - expected[i]!)).toBeLessThanOrEqual(1));
  });

  it('takes the first wait and the cap it is given', async () => {
    const s = server(5);
    const waiting = waitUntilProcessed(s.ctx, 'token', 'm1', { pollMs: 100, maxPollMs: 200 });
    await vi.runAllTimersAsync();
    await waiting;
    expect(gaps(s.times)).toEqual([100, 150, 200, 200, 200]);
  });

  it('gives up once processing has taken longer than allowed, and stops asking', async () => {
    const s = server(Number.POSITIVE_INFINITY);
    const waiting = waitUntilProcessed(s.ctx, 'token', 'm1', { pollMs: 1000, maxPollMs: 1000, processingTimeoutMs: 5000 });
    const outcome = expect(waiting).rejects.toBeInstanceOf(ProcessingTimeout);
    await vi.runAllTimersAsync();
    await outcome;
    expect(s.times).toEqual([1000, 2000, 3000, 4000, 5000]);
  });
});
