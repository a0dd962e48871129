import { describe, expect, it } from 'vitest';
import { countPost } from '@/lib/composer/count';

const count = (text: string, spoilerText = '', perUrl = 23) => countPost({ text, spoilerText, charactersReservedPerUrl: perUrl });

describe('counting as the server does', () => {
  it.each([
    ['empty', '', 0],
    ['plain ASCII', 'Hello, world', 12],
    ['emoji ZWJ family is one character', '👨‍👩‍👧‍👦', 1],
    ['emoji with skin tone', '👍🏽', 1],
    ['flag (regional indicators)', '🇩🇪🇫🇷', 2],
    ['keycap', '1️⃣', 1],
    ['combining marks', 'e\u0301te\u0301', 3],
    ['Hangul jamo sequence', '\u1100\u1161\u11A8', 1],
    ['CJK', '日本語のテキスト', 8],
    ['one URL is 23', 'https://example.com/a/very/long/path?with=query&and=more#fragment', 23],
    ['URL plus text', 'see https://example.com', 4 + 23],
    ['several URLs', 'https://a.example/x http://b.example/y', 23 + 1 + 23],
    ['URL without scheme counts as typed', 'example.com/page', 16],
    ['trailing period is not part of the URL', 'go to https://example.com.', 6 + 23 + 1],
    ['parenthesised URL', '(https://example.com)', 1 + 23 + 1],
    ['Wikipedia-style brackets stay in the URL', 'https://en.wikipedia.org/wiki/Foo_(bar)', 23],
    ['local mention counts as typed', '@alice hi', 9],
    ['remote mention counts as @user', '@alice@mastodon.example hi', 9],
    ['mention in an e-mail address is not a mention', 'mail bob@example.com', 20],
    ['URL with IDN host', 'https://bücher.example/x', 23],
    ['newlines count', 'a\nb', 3],
  ])('%s', (_name, text, expected) => {
    expect(count(text)).toBe(expected);
  });

  it('adds the content warning as typed, URLs in it counting in full', () => {
    expect(count('body', 'CW: food')).toBe(12);
    expect(count('', 'https://example.com')).toBe(19);
  });

  it('joins warning and text before counting, as the server does', () => {
    expect(count('\u0301!', 'cafe')).toBe(5);
  });

  it('uses the instance’s own reservation per URL', () => {
    expect(count('https://example.com/long/path', '', 30)).toBe(30);
  });
});
