import { escapeHtml } from './http.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function graphemeLength(text: string): number {
  return [...segmenter.segment(text)].length;
}

/*
 * Mastodon's StatusLengthValidator#countable_text, step by step: twitter-text's
 * `extract_urls_with_indices(text, extract_url_without_protocol: false)` (its
 * REGEXEN[:valid_url] with Mastodon's overrides from config/initializers/twitter_regex.rb),
 * then Extractor.extract_mentions_or_lists_with_indices (Account::MENTION_RE), overlapping
 * entities removed, each URL rewritten to the placeholder and each mention to `@user`.
 * Written apart from the extension's counter on purpose: tests/counting-cases.ts checks both.
 * Unlike twitter-text, any top-level domain of 2+ letters (or xn--) is accepted, not only
 * those on the registry's list.
 */
const INVALID_CHARACTERS = '\\uFFFE\\uFEFF\\uFFFF\\u202A-\\u202E';
const PUNCTUATION_CHARS = '!"#$%&\'()*+,\\-./:;<=>?@\\[\\]^_`{|}~';
const UNICODE_SPACES = '\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const DOMAIN_VALID_CHARS = `[^${PUNCTUATION_CHARS}\\x00-\\x1F\\x7F${INVALID_CHARACTERS}${UNICODE_SPACES}]`;
const REGEXEN = {
  valid_url_preceding_chars: `(?:[^a-z0-9@＠$#＃${INVALID_CHARACTERS}]|^)`,
  valid_subdomain: `(?:(?:${DOMAIN_VALID_CHARS}(?:[_-]|${DOMAIN_VALID_CHARS})*)?${DOMAIN_VALID_CHARS}\\.)`,
  valid_domain_name: `(?:(?:${DOMAIN_VALID_CHARS}(?:[-]|${DOMAIN_VALID_CHARS})*)?${DOMAIN_VALID_CHARS}\\.)`,
  // valid_gTLD | valid_ccTLD | valid_punycode, the lists replaced by "letters" (no list holds "xn").
  valid_tld: '(?:(?!xn--)\\p{L}{2,}(?=[^0-9a-z@]|$)|xn--[0-9a-z]+)',
  valid_general_url_path_chars: '[^\\p{White_Space}<>()?]',
  valid_url_query_chars: "[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{10FFFD}]",
  valid_url_query_ending_chars: '[a-z0-9_&=#/\\-\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{10FFFD}]',
};
const valid_domain = `(?:${REGEXEN.valid_subdomain}*${REGEXEN.valid_domain_name}${REGEXEN.valid_tld})`;
const valid_url_balanced_parens = `\\((?:${REGEXEN.valid_general_url_path_chars}+|(?:${REGEXEN.valid_general_url_path_chars}*\\(${REGEXEN.valid_general_url_path_chars}+\\)${REGEXEN.valid_general_url_path_chars}*))\\)`;
const valid_url_path_ending_chars = `(?:[^\\p{White_Space}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|${valid_url_balanced_parens})`;
const valid_url_path = `(?:(?:${REGEXEN.valid_general_url_path_chars}*(?:${valid_url_balanced_parens}${REGEXEN.valid_general_url_path_chars}*)*${valid_url_path_ending_chars})|(?:${REGEXEN.valid_general_url_path_chars}+/))`;
/** $1 preceding character, $2 URL, $3 protocol (optional in the pattern, required by the extractor Mastodon calls). */
const VALID_URL = new RegExp(
  `(${REGEXEN.valid_url_preceding_chars})((?:((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://))?${valid_domain}(?::[0-9]+)?(?:/${valid_url_path}*)?(?:\\?${REGEXEN.valid_url_query_chars}*${REGEXEN.valid_url_query_ending_chars})?)`,
  'giu',
);
/** Account::MENTION_RE (Mastodon 4): `@user` or `@user@domain`, not inside a word, an e-mail address or a path. */
const MENTION_RE = /(?<![=/\p{L}\p{M}\p{N}\p{Pc}])@(([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[\p{L}\p{M}\p{N}\p{Pc}.-]+[\p{L}\p{M}\p{N}\p{Pc}]+)?)/giu;
/** twitter-text's end_mention_match: an at sign, a Latin accent or "://" right after means no mention. */
const END_MENTION_MATCH = /^(?:[@＠\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF]|:\/\/)/u;

interface Entity {
  start: number;
  end: number;
  replacement: string;
}

function extractUrls(text: string, placeholder: string): Entity[] {
  const entities: Entity[] = [];
  for (const match of text.matchAll(VALID_URL)) {
    // The scan moves on past a URL without protocol, which is never counted short.
    if (!match[3]) continue;
    const start = match.index + match[1]!.length;
    entities.push({ start, end: start + match[2]!.length, replacement: placeholder });
  }
  return entities;
}

function extractMentions(text: string): Entity[] {
  return [...text.matchAll(MENTION_RE)]
    .filter((match) => !END_MENTION_MATCH.test(text.slice(match.index + match[0].length)))
    .map((match) => ({ start: match.index, end: match.index + match[0].length, replacement: `@${match[2]}` }));
}

/** Extractor.remove_overlapping_entities: by start, dropping any that begins inside the last one kept. */
function removeOverlapping(entities: Entity[]): Entity[] {
  const kept: Entity[] = [];
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    if (kept.length === 0 || kept.at(-1)!.end <= entity.start) kept.push(entity);
  }
  return kept;
}

/** StatusLengthValidator#countable_text. */
export function countableText(text: string, reservedPerUrl: number): string {
  const entities = removeOverlapping([...extractUrls(text, 'x'.repeat(reservedPerUrl)), ...extractMentions(text)]);
  let result = '';
  let index = 0;
  for (const entity of entities) {
    result += text.slice(index, entity.start) + entity.replacement;
    index = entity.end;
  }
  return result + text.slice(index);
}

/** StatusLengthValidator: spoiler text plus countable text, in grapheme clusters. */
export function countableLength(spoilerText: string, text: string, reservedPerUrl: number): number {
  return graphemeLength(spoilerText + countableText(text, reservedPerUrl));
}

/** `@user@domain` as Mastodon links it: the domain only in the link, `@user` shown. */
function linkMentions(escaped: string): string {
  return escaped.replace(MENTION_RE, (whole, username: string) => {
    const domain = whole.split('@')[2];
    if (!domain) return whole;
    return `<span class="h-card" translate="no"><a href="https://${domain}/@${username}" class="u-url mention">@<span>${username}</span></a></span>`;
  });
}

/** The little Markdown the fake renders (text/markdown): **strong** and _emphasis_. */
function markdown(escaped: string): string {
  return escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/(^|\s)_(.+?)_(?=\s|$)/g, '$1<em>$2</em>');
}

/**
 * Mastodon's plain-text formatting, links left out: paragraphs on blank lines, `<br />` on
 * single breaks, remote mentions shown as `@user`; Markdown where it was asked for.
 */
export function formatContent(text: string, contentType: string | null = null): string {
  if (text === '') return '';
  const format = (paragraph: string) => {
    const escaped = linkMentions(escapeHtml(paragraph));
    return contentType === 'text/markdown' ? markdown(escaped) : escaped;
  };
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${format(paragraph).replaceAll('\n', '<br />')}</p>`)
    .join('');
}
