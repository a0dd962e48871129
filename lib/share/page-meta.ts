import { parseInstanceInput } from '../instance-input';
import { isLoopbackHost } from '../web-url';

/**
 * What Fedipost reads from the page a person shares, once, with `scripting.executeScript`
 * under the activeTab grant of that one tab: the author's fediverse handle(s), the page's
 * own OpenGraph/Twitter card and whether it says it is an ActivityPub object.
 */

/** At most this many authors are credited: a byline, not a mailing list. */
export const MAX_AUTHORS = 3;

/** What the page tells, as raw strings: the injected reader returns this, nothing else. */
export interface RawPageMeta {
  creators: string[];
  /** `og:*` and `twitter:*` values by property name, first value of each. */
  card: Record<string, string>;
  /** href of `<link rel="alternate" type="application/activity+json">`. */
  activityPub: string | null;
}

/**
 * Runs inside the shared page (injected by the browser, so it must stand alone: no
 * imports, no closures). Reads only meta and link elements of the document's head and body.
 */
export function readPageMetaInPage(): RawPageMeta {
  const cap = (value: string | null) => (value ?? '').slice(0, 2000);
  const creators: string[] = [];
  const card: Record<string, string> = {};
  for (const meta of Array.from(document.querySelectorAll('meta'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase();
    const content = cap(meta.getAttribute('content'));
    if (key === 'fediverse:creator') {
      if (creators.length < 20) creators.push(content);
    } else if ((key.startsWith('og:') || key.startsWith('twitter:')) && !(key in card)) {
      card[key] = content;
    }
  }
  const link = document.querySelector('link[rel~="alternate"][type="application/activity+json"]');
  return { creators, card, activityPub: link ? cap(link.getAttribute('href')) : null };
}

/**
 * `@user@host` (the leading `@` optional, as pages write both) → `user@host`, or null.
 * The same rules as a handle typed to connect: a Mastodon-style username and a host
 * Fedipost would connect to (a real domain name; loopback only for tests).
 */
export function parseHandle(value: string): string | null {
  const text = value.trim();
  if (!/^@?[^@\s/?#:]+@[^@\s/?#]+$/.test(text)) return null;
  const parsed = parseInstanceInput(text);
  if (!parsed.ok || !parsed.username) return null;
  return `${parsed.username}@${parsed.host}`;
}

/** The first valid, distinct handles, at most MAX_AUTHORS. */
export function validAuthors(values: readonly string[]): string[] {
  const authors: string[] = [];
  for (const value of values) {
    const handle = parseHandle(value);
    if (handle && !authors.some((a) => a.toLowerCase() === handle.toLowerCase())) authors.push(handle);
    if (authors.length === MAX_AUTHORS) break;
  }
  return authors;
}

/** The link card as the page describes itself (the server makes its own from the same tags). */
export interface CardPreview {
  title: string;
  description: string;
  siteName: string;
  /** Only an https image (http on loopback): the compose window never loads insecure content. */
  image: string | null;
}

export interface PageInfo {
  authors: string[];
  card: CardPreview | null;
  /** The page says it is an ActivityPub object (a fediverse post): its id. */
  activityPub: string | null;
}

export const NO_PAGE_INFO: PageInfo = { authors: [], card: null, activityPub: null };

function absolute(value: string | undefined, base: string): URL | null {
  if (!value?.trim()) return null;
  try {
    return new URL(value.trim(), base);
  } catch {
    return null;
  }
}

/** https anywhere; http only on this computer (the tests' and the demo's pages). */
export function isSafeImageUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

const oneLine = (value: string | undefined, max: number) => (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

/**
 * The injected reader's answer, checked: it comes from a web page, so every field may be
 * missing, of the wrong type or hostile. Anything unusable reads as absent.
 */
export function parsePageMeta(raw: unknown, pageUrl: string): PageInfo {
  if (typeof raw !== 'object' || raw === null) return NO_PAGE_INFO;
  const given = raw as Partial<Record<keyof RawPageMeta, unknown>>;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const cardRaw =
    typeof given.card === 'object' && given.card !== null
      ? Object.fromEntries(Object.entries(given.card).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
  const pick = (...keys: string[]) => keys.map((key) => cardRaw[key]).find((value) => value?.trim());
  const title = oneLine(pick('og:title', 'twitter:title'), 300);
  const description = oneLine(pick('og:description', 'twitter:description'), 500);
  const siteName = oneLine(pick('og:site_name'), 100);
  const imageUrl = absolute(pick('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), pageUrl);
  const image = imageUrl && isSafeImageUrl(imageUrl) ? imageUrl.href : null;
  const card = title || description || image ? { title, description, siteName, image } : null;
  const ap = typeof given.activityPub === 'string' ? absolute(given.activityPub, pageUrl) : null;
  return {
    authors: validAuthors(strings(given.creators)),
    card,
    activityPub: ap && (ap.protocol === 'https:' || ap.protocol === 'http:') ? ap.href : null,
  };
}
