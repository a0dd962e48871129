import { describe, expect, it } from 'vitest';
import { matchEmoji, tokenAt } from '@/lib/composer/autocomplete';
import { applyCompletion, completionText } from '@/lib/composer/completion';
import { quickSchedules } from '@/lib/composer/schedule';

const at = (textWithCaret: string) => {
  const caret = textWithCaret.indexOf('|');
  return tokenAt(textWithCaret.replace('|', ''), caret);
};

describe('tokenAt', () => {
  it('reads @accounts, #hashtags and :emoji at the caret', () => {
    expect(at('Hello @al|')).toEqual({ kind: 'account', query: 'al', start: 6, end: 9 });
    expect(at('@carol@remote.ex|')).toEqual({ kind: 'account', query: 'carol@remote.ex', start: 0, end: 16 });
    expect(at('Love #cat| pics')).toEqual({ kind: 'hashtag', query: 'cat', start: 5, end: 9 });
    expect(at('(#Café|')).toMatchObject({ kind: 'hashtag', query: 'Café' });
    expect(at('so cute :blob|')).toEqual({ kind: 'emoji', query: 'blob', start: 8, end: 13 });
  });

  it('leaves alone what is not a token being typed', () => {
    expect(at('mail me at bob@example.com|')).toBeNull();
    expect(at('issue#12|')).toBeNull();
    expect(at('at 10:30|')).toBeNull();
    expect(at('re: x|')).toBeNull();
    expect(at('a :b|')).toBeNull();
    expect(at('@|')).toBeNull();
    expect(at('@al|ice')).toBeNull();
    expect(at('@alice |')).toBeNull();
  });
});

describe('applyCompletion', () => {
  it('replaces the token and puts the caret after a space', () => {
    const token = tokenAt('Hi @car and', 7)!;
    expect(applyCompletion('Hi @car and', token, '@carol@remote.example')).toEqual({ text: 'Hi @carol@remote.example and', caret: 25 });
    const end = tokenAt('#fedi', 5)!;
    expect(applyCompletion('#fedi', end, '#fediverse')).toEqual({ text: '#fediverse ', caret: 11 });
  });

  it('keeps the spaces further on: only one right after the token is reused', () => {
    const token = tokenAt('@car, and you', 4)!;
    expect(applyCompletion('@car, and you', token, '@carol')).toEqual({ text: '@carol , and you', caret: 7 });
  });

  it('writes remote accounts as @user@domain, hashtags with #, emoji between colons', () => {
    expect(completionText({ kind: 'account', acct: 'carol@remote.example', displayName: '', avatar: '' })).toBe('@carol@remote.example');
    expect(completionText({ kind: 'account', acct: 'alice', displayName: '', avatar: '' })).toBe('@alice');
    expect(completionText({ kind: 'hashtag', name: 'caturday' })).toBe('#caturday');
    expect(completionText({ kind: 'emoji', shortcode: 'blobcat', url: '' })).toBe(':blobcat:');
  });
});

it('matches emoji starting with the query first, then containing it', () => {
  const emojis = ['catjam', 'blobcat', 'cat', 'dog'].map((shortcode) => ({ shortcode }));
  expect(matchEmoji(emojis, 'cat').map((e) => e.shortcode)).toEqual(['cat', 'catjam', 'blobcat']);
});

it('shows at most five emoji, the ones starting with the query among them', () => {
  const emojis = ['blobcat', 'cat_a', 'cat_b', 'cat_c', 'cat_d', 'cat_e', 'cat_f'].map((shortcode) => ({ shortcode }));
  expect(matchEmoji(emojis, 'CAT').map((e) => e.shortcode)).toEqual(['cat_a', 'cat_b', 'cat_c', 'cat_d', 'cat_e']);
});

describe('quickSchedules', () => {
  it('offers in an hour, this evening at 19:00 and tomorrow at 9:00 in the afternoon', () => {
    const now = new Date(2026, 10, 30, 14, 20, 30);
    expect(quickSchedules(now)).toEqual([
      { choice: 'in-an-hour', at: new Date(2026, 10, 30, 15, 21) },
      { choice: 'this-evening', at: new Date(2026, 10, 30, 19, 0) },
      { choice: 'tomorrow-morning', at: new Date(2026, 11, 1, 9, 0) },
    ]);
  });

  it('drops "this evening" once the evening is less than an hour away', () => {
    const now = new Date(2026, 11, 31, 18, 30);
    expect(quickSchedules(now).map((q) => q.choice)).toEqual(['in-an-hour', 'tomorrow-morning']);
    expect(quickSchedules(now)[1]!.at).toEqual(new Date(2027, 0, 1, 9, 0));
  });
});
