import { MASTODON_COUNTING, type CountingRule } from '../server-profile';

/**
 * Counts a post as its server does, so the counter agrees with the server on what it will
 * refuse. Mastodon's StatusLengthValidator: the content warning as typed joined with the
 * text, in grapheme clusters, where in the text every URL with a scheme counts as
 * `characters_reserved_per_url` characters and a mention `@user@domain` counts as
 * `@user`. Other families differ in each of these (lib/server-profile.ts says how).
 */

/*
 * What Mastodon takes for a link: twitter-text's `extract_urls_with_indices(text,
 * extract_url_without_protocol: false)` with Mastodon's overrides of its patterns
 * (config/initializers/twitter_regex.rb):
 * - a scheme is required, one of http, https, dat, dweb, ipfs, ipns, ssb, gopher, gemini;
 * - the scheme must not follow an ASCII letter or digit, `@`, `$` or `#` ("xhttps://…" is
 *   no link);
 * - the host needs a dot and a top-level domain, so "https://x", "http://localhost/a" and
 *   bare IP addresses are no links and count as typed;
 * - a port, a path and a query may follow; the path stops before white space, `<>`, and
 *   before trailing punctuation, keeping balanced parentheses ("…/Foo_(bar)").
 * One approximation: twitter-text knows the registry's list of top-level domains; here any
 * of two or more letters, or a punycode `xn--` one, is taken.
 */
/** twitter-text's DOMAIN_VALID_CHARS: not punctuation, white space, control or bidi characters. */
const DOMAIN_CHAR = String.raw`[^!"#$%&'()*+,\-./:;<=>?@\[\]^_${'`'}{|}~\s\x00-\x1F\x7F\u0085\u180E\uFFFE\uFEFF\uFFFF\u202A-\u202E]`;
const SUBDOMAIN = String.raw`(?:${DOMAIN_CHAR}(?:[_-]|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\.`;
const DOMAIN_NAME = String.raw`(?:${DOMAIN_CHAR}(?:-|${DOMAIN_CHAR})*)?${DOMAIN_CHAR}\.`;
// Punycode first: "xn" would otherwise pass for a TLD of letters.
const TOP_LEVEL = String.raw`(?:xn--[0-9a-z]+|\p{L}{2,}(?![0-9a-z@]))`;
const PATH_CHAR = String.raw`[^\p{White_Space}<>()?]`;
const BALANCED = String.raw`\((?:${PATH_CHAR}+|${PATH_CHAR}*\(${PATH_CHAR}+\)${PATH_CHAR}*)\)`;
const PATH_END = String.raw`(?:[^\p{White_Space}()?!*"'「」<>;:=,.$%\[\]~&|@]|${BALANCED})`;
const PATH = String.raw`(?:\/(?:${PATH_CHAR}*(?:${BALANCED}${PATH_CHAR}*)*${PATH_END}|${PATH_CHAR}+\/)*)?`;
/** Mastodon adds most of Unicode to the query characters (its UCHARS). */
const UCHARS = String.raw`\u{A0}-\u{D7FF}\u{F900}-\u{FDCF}\u{FDF0}-\u{FFEF}\u{10000}-\u{10FFFD}`;
const QUERY = String.raw`(?:\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@^${UCHARS}]*[a-z0-9_&=#/\-${UCHARS}])?`;

const URL_PATTERN = new RegExp(
  String.raw`(?<![a-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF\u202A-\u202E])(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini):\/\/(?:${SUBDOMAIN})*${DOMAIN_NAME}${TOP_LEVEL}(?::[0-9]+)?${PATH}${QUERY}`,
  'giu',
);

/** Account::MENTION_RE: not after a word character, `=` or `/`. */
const MENTION_PATTERN = /(?<![=/\p{L}\p{M}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\p{L}\p{M}\p{N}_.-]+[\p{L}\p{M}\p{N}_]+)?/giu;
/** twitter-text's end_mention_match: a "mention" running on into these is none. */
const NOT_A_MENTION_AFTER = /^(?:[@＠\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF]|:\/\/)/u;

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
 * The text as the rule measures it (Mastodon's StatusLengthValidator#countable_text where
 * the rule is Mastodon's): each link replaced by `charactersReservedPerUrl` characters and
 * each `@user@domain` shortened to `@user`, where the rule says so. Links are found first,
 * so a mention inside a link is part of the link.
 */
function countableText(text: string, charactersReservedPerUrl: number, rule: CountingRule): string {
  let countable = text;
  if (rule.urlsAtReservedWeight) countable = countable.replace(URL_PATTERN, 'x'.repeat(charactersReservedPerUrl));
  if (rule.remoteMentionsAsLocal) {
    countable = countable.replace(MENTION_PATTERN, (mention: string, username: string, at: number, whole: string) =>
      NOT_A_MENTION_AFTER.test(whole.slice(at + mention.length)) ? mention : `@${username}`,
    );
  }
  return countable;
}

/** Mastodon's countable text: the rule the shared counting table checks against the test server. */
export function mastodonCountableText(text: string, charactersReservedPerUrl: number): string {
  return countableText(text, charactersReservedPerUrl, MASTODON_COUNTING);
}

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
