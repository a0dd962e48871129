import { describe, expect, it } from 'vitest';
import { sendWithStallTimeout, type UploadTransport } from '@/lib/mastodon/upload-transport';

const request = { url: 'https://example.social/api/v2/media', headers: {}, fields: {}, fileId: 'f', fileName: 'a.mp4' };
const answer = { status: 200, headers: {}, body: '{}' };

/** Reports progress every `everyMs` for `steps` steps, then answers; honours the signal. */
function transport(steps: number, everyMs: number): UploadTransport {
  return (_request, { signal, onProgress }) =>
    new Promise((resolve, reject) => {
      let step = 0;
      const timer = setInterval(() => {
        step += 1;
        onProgress({ sent: step, total: steps });
        if (step === steps) {
          clearInterval(timer);
          resolve(answer);
        }
      }, everyMs);
      signal.addEventListener('abort', () => {
        clearInterval(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
}

describe('the upload watchdog', () => {
  it('lets an upload run far past the stall limit while bytes keep moving', async () => {
    const started = Date.now();
    await expect(sendWithStallTimeout(transport(12, 25), request, { stallMs: 100 })).resolves.toEqual(answer);
    expect(Date.now() - started).toBeGreaterThan(250);
  });

  it('gives up with a TimeoutError when no progress comes for the stall limit', async () => {
    await expect(sendWithStallTimeout(transport(10, 300), request, { stallMs: 100 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('gives up on an upload that never reports any progress at all', async () => {
    const silent: UploadTransport = (_request, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    await expect(sendWithStallTimeout(silent, request, { stallMs: 50 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('does not start an upload the person cancelled before it began', async () => {
    const cancel = new AbortController();
    cancel.abort();
    let started = false;
    const watching: UploadTransport = (_request, { signal }) => {
      started = !signal.aborted;
      return signal.aborted ? Promise.reject(new DOMException('aborted', 'AbortError')) : Promise.resolve(answer);
    };
    const error = await sendWithStallTimeout(watching, request, { stallMs: 1000, signal: cancel.signal }).catch((e: unknown) => e);
    expect(started).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('cancels with the caller’s signal, not as a time-out', async () => {
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 30);
    const error = await sendWithStallTimeout(transport(10, 20), request, { stallMs: 1000, signal: cancel.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});
