/** What the word at the caret asks to complete: an account, a hashtag or a custom emoji. */
export type SuggestionKind = 'account' | 'hashtag' | 'emoji';

export interface CompletionToken {
  kind: SuggestionKind;
  /** What was typed after the trigger character (`@`, `#`, `:`). */
  query: string;
  /** Where the token (its trigger included) starts and ends in the text. */
  start: number;
  end: number;
}

/**
 * The word that ends at the caret, read as Mastodon's own composer reads it: a trigger
 * at the start of the text or after a space or an opening bracket, then the characters
 * its parser accepts (accounts `user` or `user@domain`, hashtags letters/digits/_,
 * emoji shortcodes of two or more `[a-zA-Z0-9_]`, so "re:" or a time like 10:30 never
 * open a list).
 */
const PATTERNS: Array<[SuggestionKind, RegExp]> = [
  ['account', /(?:^|[\s(])(@([\w.-]+(?:@[\w.-]*)?))$/u],
  ['hashtag', /(?:^|[\s(])(#([\p{L}\p{N}_]+))$/u],
  ['emoji', /(?:^|[\s(])(:([a-zA-Z0-9_]{2,}))$/u],
];

export function tokenAt(text: string, caret: number): CompletionToken | null {
  const before = text.slice(0, caret);
  // The caret must end the word: "@al|ice" completes nothing.
  if (/^[\w@.-]/u.test(text.slice(caret))) return null;
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(before);
    if (match) return { kind, query: match[2]!, start: caret - match[1]!.length, end: caret };
  }
  return null;
}

/** One suggestion as the UI shows it: plain text and an image URL, never HTML. */
export type Suggestion =
  | { kind: 'account'; acct: string; displayName: string; avatar: string }
  | { kind: 'hashtag'; name: string }
  | { kind: 'emoji'; shortcode: string; url: string };

export type SuggestOutcome =
  | { ok: true; suggestions: Suggestion[] }
  /** missing-scope: the account was connected before Fedipost asked for `read:search`. */
  | { ok: false; reason: 'missing-scope' | 'failed' };

/** How many suggestions the list shows, as Mastodon's composer does. */
export const SUGGESTION_LIMIT = 5;

/** The instance's custom emoji whose shortcode contains the query, those starting with it first. */
export function matchEmoji<T extends { shortcode: string }>(emojis: readonly T[], query: string): T[] {
  const q = query.toLowerCase();
  const hits = emojis.filter((emoji) => emoji.shortcode.toLowerCase().includes(q));
  const starts = (emoji: T) => (emoji.shortcode.toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.shortcode.localeCompare(b.shortcode)).slice(0, SUGGESTION_LIMIT);
}
