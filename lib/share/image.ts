import { cappedFetch } from '../mastodon/capped-fetch';

/** A shared image must arrive within this long… */
export const IMAGE_TIMEOUT_MS = 30_000;
/**
 * …and be no bigger than this: above any instance's picture limit (Mastodon's is 16 MB),
 * so the instance's own limit decides, yet a huge file is never read into memory whole.
 */
export const MAX_SHARED_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * Downloads a shared image (no cookies), or null where the page's server won't give it to
 * us, it is not an image, too big (cut off while it streams in), or too slow.
 */
export async function fetchSharedImage(
  fetch: typeof globalThis.fetch,
  url: string,
  timeoutMs: number = IMAGE_TIMEOUT_MS,
): Promise<{ blob: Blob; fileName: string } | null> {
  try {
    const response = await cappedFetch(fetch, MAX_SHARED_IMAGE_BYTES)(url, { credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
    const type = response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!response.ok || !response.body || !type.startsWith('image/')) return null;
    return { blob: new Blob([await response.arrayBuffer()], { type }), fileName: sharedImageName(url, type) };
  } catch {
    return null;
  }
}

/** The file name a shared image goes by: the last part of its address, or image.<type>. */
export function sharedImageName(url: string, type: string): string {
  const last = new URL(url, 'https://x.invalid').pathname.split('/').pop() ?? '';
  return /\.[a-z0-9]+$/i.test(last) ? decodeURIComponent(last) : `image.${type.split('/')[1] ?? 'png'}`;
}
