/**
 * How Mastodon counts a post (StatusLengthValidator), case by case: ONE table that both
 * the extension's counter (tests/unit/count.test.ts) and the test server's length check
 * (tests/fake-mastodon/statuses.test.ts) must agree with. Link rules: see
 * lib/composer/count.ts. Texts have no leading or trailing white space (the server
 * strips it before counting; the counter counts it, erring on the safe side).
 */
export interface CountingCase {
  name: string;
  text: string;
  spoilerText?: string;
  /** The instance's characters_reserved_per_url; Mastodon's is 23. */
  perUrl?: number;
  expected: number;
}

export const COUNTING_CASES: readonly CountingCase[] = [
  // Grapheme clusters
  { name: 'plain ASCII', text: 'Hello, world', expected: 12 },
  { name: 'emoji ZWJ family is one character', text: '👨‍👩‍👧‍👦', expected: 1 },
  { name: 'emoji with skin tone', text: '👍🏽', expected: 1 },
  { name: 'flags (regional indicator pairs)', text: '🇩🇪🇫🇷', expected: 2 },
  { name: 'keycap', text: '1️⃣', expected: 1 },
  { name: 'combining marks', text: 'e\u0301te\u0301', expected: 3 },
  { name: 'Hangul jamo sequence', text: '\u1100\u1161\u11A8', expected: 1 },
  { name: 'CJK', text: '日本語のテキスト', expected: 8 },
  { name: 'newlines count', text: 'a\nb', expected: 3 },

  // Links that count as the reserved length
  { name: 'one URL', text: 'https://example.com/a/very/long/path?with=query&and=more#fragment', expected: 23 },
  { name: 'URL after text', text: 'see https://example.com', expected: 4 + 23 },
  { name: 'two URLs', text: 'https://a.example/x http://b.example/y', expected: 23 + 1 + 23 },
  { name: 'scheme in capitals', text: 'HTTPS://EXAMPLE.COM/A', expected: 23 },
  { name: 'port and path', text: 'https://example.com:8443/x', expected: 23 },
  { name: 'IDN host', text: 'https://bücher.example/x', expected: 23 },
  { name: 'punycode TLD', text: 'https://example.xn--p1ai/x', expected: 23 },
  { name: 'Mastodon also shortens gemini:// links', text: 'gemini://example.org/x', expected: 23 },
  { name: 'and ipfs://', text: 'ipfs://example.org/x', expected: 23 },
  { name: 'after a non-ASCII letter is still a link', text: 'éhttps://example.com', expected: 1 + 23 },
  { name: 'after a colon', text: 'link:https://example.com', expected: 5 + 23 },
  { name: 'a mention inside a link is part of it', text: 'https://mastodon.example/@alice@other.example', expected: 23 },
  { name: 'the instance’s own reservation', text: 'https://example.com/long/path', perUrl: 30, expected: 30 },

  // Where a link ends
  { name: 'trailing period is not part of it', text: 'go to https://example.com.', expected: 6 + 23 + 1 },
  { name: 'trailing period after a path', text: 'https://example.com/a.', expected: 23 + 1 },
  { name: 'trailing period after a query', text: 'https://example.com?q=1.', expected: 23 + 1 },
  { name: 'trailing comma and exclamation mark', text: 'https://example.com/a,!', expected: 23 + 2 },
  { name: 'parenthesised URL', text: '(https://example.com)', expected: 1 + 23 + 1 },
  { name: 'parenthesised URL with a path', text: '(https://example.com/x)', expected: 1 + 23 + 1 },
  { name: 'Wikipedia-style brackets stay in the URL', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', expected: 23 },
  { name: 'an unbalanced closing bracket does not', text: 'https://en.wikipedia.org/wiki/Foo_(bar))', expected: 23 + 1 },
  { name: 'angle brackets end it', text: '<https://example.com/x>', expected: 1 + 23 + 1 },

  // Not links: counted as typed
  { name: 'no scheme', text: 'example.com/page', expected: 16 },
  { name: 'a scheme Mastodon does not know', text: 'ftp://example.com/x', expected: 19 },
  { name: 'a host without a dot', text: 'https://x', expected: 9 },
  { name: 'localhost', text: 'http://localhost/a', expected: 18 },
  { name: 'an IP address has no top-level domain', text: 'http://127.0.0.1:3000/a', expected: 23 },
  { name: 'a TLD with a digit after it', text: 'https://example.com1', expected: 20 },
  { name: 'a one-letter TLD', text: 'https://a.b', expected: 11 },
  { name: 'glued to a word', text: 'xhttps://example.com', expected: 20 },
  { name: 'glued to a digit', text: '1https://example.com', expected: 20 },
  { name: 'after @', text: '@https://example.com', expected: 20 },
  { name: 'after #', text: '#https://example.com', expected: 20 },
  { name: 'after $', text: '$https://example.com', expected: 20 },

  // Mentions
  { name: 'local mention counts as typed', text: '@alice hi', expected: 9 },
  { name: 'remote mention counts as @user', text: '@alice@mastodon.example hi', expected: 9 },
  { name: 'remote mention at the end of a sentence', text: 'hi @alice@mastodon.example.', expected: 3 + 6 + 1 },
  { name: 'an e-mail address is no mention', text: 'mail bob@example.com', expected: 20 },
  { name: 'a mention in a path is no mention', text: 'see /@alice@mastodon.example', expected: 28 },
  { name: 'a mention running into another @ is none', text: '@alice@example.com@x', expected: 20 },
  { name: 'a mention running into :// is none', text: '@alice@example.com://x', expected: 22 },

  // The content warning: as typed, joined to the text before counting
  { name: 'content warning adds as typed', text: 'body', spoilerText: 'CW: food', expected: 12 },
  { name: 'a URL in the warning counts in full', text: 'x', spoilerText: 'https://example.com', expected: 20 },
  { name: 'warning and text joined: a combining mark merges', text: '\u0301!', spoilerText: 'cafe', expected: 5 },
];
