/**
 * Counts a post as Mastodon's StatusLengthValidator does: the content warning as typed
 * joined with the text, in grapheme clusters, where in the text every URL with a
 * scheme counts as `characters_reserved_per_url` characters and a mention
 * `@user@domain` counts as `@user` — so the counter agrees with the server on what it
 * will refuse.
 */

/**
 * A URL as the server's extractor sees one: http(s) scheme, a host with a dot (or
 * localhost), then anything up to white space. Trailing punctuation is not part of it.
 */
const URL_PATTERN = /(?<![\p{L}\p{N}_@])https?:\/\/(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}(?::\d+)?(?:[/?#][^\s]*)?/giu;

/** Mastodon's Account::MENTION_RE: not after a word character, `=` or `/`. */
const MENTION_PATTERN = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\p{L}\p{N}_.-]+[\p{L}\p{N}_]+)?/giu;

/** Characters that end a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,:;!?'"’”)\]}>]+$/u;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

/** The text with each URL replaced by its fixed-width stand-in and each mention shortened. */
function countableText(text: string, charactersReservedPerUrl: number): string {
  const placeholder = 'x'.repeat(charactersReservedPerUrl);
  return text
    .replace(URL_PATTERN, (url) => {
      const trailing = trimmedUrl(url);
      return placeholder + url.slice(trailing.length);
    })
    .replace(MENTION_PATTERN, (_mention, username: string) => `@${username}`);
}

/** Drops trailing punctuation, keeping a closing bracket that closes one in the URL. */
function trimmedUrl(url: string): string {
  let result = url.replace(TRAILING_PUNCTUATION, '');
  const rest = url.slice(result.length);
  // "(see https://en.wikipedia.org/wiki/Foo_(bar))": the first ")" belongs to the URL.
  for (const char of rest) {
    const open = { ')': '(', ']': '[' }[char];
    if (!open) break;
    if (count(result, open) > count(result, char)) result += char;
    else break;
  }
  return result;
}

const count = (text: string, char: string) => text.split(char).length - 1;

export interface CountInput {
  text: string;
  spoilerText?: string;
  charactersReservedPerUrl: number;
}

/** How many characters the server will count for this post. */
export function countPost({ text, spoilerText = '', charactersReservedPerUrl }: CountInput): number {
  // Joined before counting, as the server does: a combining mark at the start of the
  // text merges with the warning's last character.
  return graphemeLength(spoilerText + countableText(text, charactersReservedPerUrl));
}
