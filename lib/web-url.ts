import { isLoopbackHost } from './instance-input';

/**
 * A URL a server sent that may become a link or an image: `https:`, or `http:` on a
 * loopback host (the test and demo servers). Anything else — `javascript:`, `data:`,
 * plain http on the internet, garbage — is null, so it never reaches a page.
 */
export function webUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url.href;
  return null;
}
