/**
 * Query parameters that only tell a site (or its analytics) where a visitor came from.
 * Removing them changes nothing about the page the link opens.
 */
const TRACKING_PARAMS = new Set([
  'fbclid', // Facebook
  'gclid', // Google Ads
  'dclid', // Google Display
  'gbraid', // Google Ads (iOS)
  'wbraid', // Google Ads (iOS, web-to-app)
  'msclkid', // Microsoft Ads
  'mc_cid', // Mailchimp campaign
  'mc_eid', // Mailchimp recipient
  'igshid', // Instagram share
  'igsh', // Instagram share (newer)
  'yclid', // Yandex
  'twclid', // X/Twitter Ads
  'ttclid', // TikTok Ads
  'li_fat_id', // LinkedIn
  '_hsenc', // HubSpot
  '_hsmi', // HubSpot
  'mkt_tok', // Marketo
  'ref_src', // Twitter embeds ("twsrc^tfw")
]);

/**
 * `si` identifies who shared a link on these hosts (and their subdomains) only; elsewhere
 * `si` is an ordinary parameter (a search index, a session) that the page may need.
 */
const SHARE_ID_HOSTS = ['youtube.com', 'youtu.be', 'spotify.com'];

function isTracking(name: string, host: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) return true;
  return key === 'si' && SHARE_ID_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

function paramName(part: string): string {
  const raw = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The URL without tracking parameters. Everything else is kept as written: the other
 * parameters in their order and encoding (URLSearchParams would rewrite `%20` as `+`
 * and `flag` as `flag=`), and the fragment. Anything that is not an http(s) URL comes
 * back unchanged.
 */
export function cleanUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!isHttp(parsed) || !parsed.search) return url;
  const parts = parsed.search.slice(1).split('&');
  const kept = parts.filter((part) => !isTracking(paramName(part), parsed.hostname));
  if (kept.length === parts.length) return url;
  parsed.search = kept.join('&');
  return parsed.href;
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * Whether a URL means something to the people who read a post: only web pages do.
 * Browser pages (chrome:, about:, view-source:), extension pages, local files and
 * inline data: or javascript: URLs would be dead or harmful links.
 */
export function isShareableUrl(url: string): boolean {
  try {
    return isHttp(new URL(url));
  } catch {
    return false;
  }
}
