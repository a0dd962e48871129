import { MASTODON_COUNTING, type CountingRule } from '../server-profile';

/**
 * Counts a post as its server does, so the counter agrees with the server on what it will
 * refuse. Mastodon's StatusLengthValidator: the content warning as typed joined with the
 * text, in grapheme clusters, where in the text every URL with a scheme counts as
 * `characters_reserved_per_url` characters and a mention `@user@domain` counts as
 * `@user`. Other families differ in each of these (lib/server-profile.ts says how).
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

/** Code points, as Go's `[]rune` and ajv's maxLength count. */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * The text as the rule measures it: each URL replaced by its fixed-width stand-in and
 * each remote mention shortened, where the rule says so.
 */
function countableText(text: string, charactersReservedPerUrl: number, rule: CountingRule): string {
  const placeholder = 'x'.repeat(charactersReservedPerUrl);
  let countable = text;
  if (rule.urlsAtReservedWeight) {
    countable = countable.replace(URL_PATTERN, (url) => {
      const trailing = trimmedUrl(url);
      return placeholder + url.slice(trailing.length);
    });
  }
  if (rule.remoteMentionsAsLocal) countable = countable.replace(MENTION_PATTERN, (_mention, username: string) => `@${username}`);
  return countable;
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
  /** Mastodon's rule unless the server's profile says otherwise. */
  rule?: CountingRule;
}

/** How many characters the server will count for this post. */
export function countPost({ text, spoilerText = '', charactersReservedPerUrl, rule = MASTODON_COUNTING }: CountInput): number {
  const length = rule.unit === 'grapheme' ? graphemeLength : codePointLength;
  // Joined before counting, as Mastodon does: a combining mark at the start of the
  // text merges with the warning's last character.
  return length((rule.spoilerCounts ? spoilerText : '') + countableText(text, charactersReservedPerUrl, rule));
}
