import { describe, expect, it } from 'vitest';
import { countPost, mastodonCountableText } from '@/lib/composer/count';
import { COUNTING_CASES } from '../counting-cases';

describe('counting as the server does (the shared table)', () => {
  it.each(COUNTING_CASES)('$name', ({ text, spoilerText, perUrl = 23, expected }) => {
    expect(countPost({ text, spoilerText, charactersReservedPerUrl: perUrl })).toBe(expected);
  });
});

describe('counting', () => {
  it('an empty post is 0', () => {
    expect(countPost({ text: '', charactersReservedPerUrl: 23 })).toBe(0);
  });

  it('replaces each link by the reserved width and shortens remote mentions, leaving the rest as typed', () => {
    expect(mastodonCountableText('Hi @bob@example.social, see https://example.com/x.', 5)).toBe('Hi @bob, see xxxxx.');
  });
});
