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

/** 127.0.0.0/8, ::1 (bare or bracketed, as `URL.hostname` gives it) and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}
