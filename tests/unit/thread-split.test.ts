import { describe, expect, it } from 'vitest';
import { countPost } from '@/lib/composer/count';
import { newThread, partText, settled } from '@/lib/composer/thread';
import { splitThread } from '@/lib/composer/thread-split';

const base = { maxCharacters: 50, charactersReservedPerUrl: 23, numbered: false };
const fitsAll = (parts: string[], max = 50, spoilerText = '') =>
  parts.every((p) => countPost({ text: p, spoilerText, charactersReservedPerUrl: 23 }) <= max);

describe('splitThread', () => {
  it('keeps a text within the limit as one part', () => {
    expect(splitThread('Short and sweet.', base)).toEqual(['Short and sweet.']);
  });

  it('splits at paragraphs first', () => {
    const text = 'First paragraph is here. It goes on.\n\nSecond paragraph follows it.\n\nThird one ends.';
    // The second and third fit together: packed into one part, cut at the paragraph before them.
    expect(splitThread(text, base)).toEqual(['First paragraph is here. It goes on.', 'Second paragraph follows it.\n\nThird one ends.']);
  });

  it('then at sentences, then at words, every part within the limit', () => {
    const text = 'One sentence that is long enough. Another sentence that is long too. Then ' + 'word '.repeat(30).trim();
    const parts = splitThread(text, base);
    expect(fitsAll(parts)).toBe(true);
    expect(parts[0]).toBe('One sentence that is long enough.');
    expect(parts[1]).toBe('Another sentence that is long too.');
    expect(parts.slice(2).join(' ')).toBe('Then ' + 'word '.repeat(30).trim());
  });

  it('counts URLs as the server does (23 each), so a long URL does not force a split', () => {
    const text = `See https://example.com/${'a'.repeat(200)} now`;
    expect(splitThread(text, base)).toEqual([text]);
  });

  it('numbers the parts " i/N", counting the numbering and the content warning', () => {
    const text = 'word '.repeat(60).trim();
    const split = splitThread(text, { ...base, numbered: true, spoilerText: 'cw' });
    const thread = newThread(split, true);
    const parts = split.map((_, i) => partText(thread, i));
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((p, i) => expect(p.endsWith(` ${i + 1}/${parts.length}`)).toBe(true));
    expect(fitsAll(parts, 50, 'cw')).toBe(true);
    expect(parts.map((p) => p.replace(/ \d+\/\d+$/, '')).join(' ')).toBe(text);
  });

  it('a blank line holding spaces or tabs is a paragraph break too; extra blank lines stay with the paragraph before', () => {
    const one = 'First paragraph is here. It goes on.';
    expect(splitThread(`${one}\n \t\nSecond paragraph follows it.`, base)).toEqual([one, 'Second paragraph follows it.']);
    expect(splitThread(`${one}\n\n\n\nSecond paragraph follows it.`, base)).toEqual([one, 'Second paragraph follows it.']);
  });

  it('a paragraph that fits goes whole into the next part, rather than its first sentence joining the part before', () => {
    for (const blank of ['\n\n', '\n \t\n', '\n   \n']) {
      expect(splitThread(`Short one.${blank}Second part is here. And its end is here.`, base)).toEqual(['Short one.', 'Second part is here. And its end is here.']);
    }
  });

  it('packs words as long as the part fits, its spaces at the cut not counted', () => {
    expect(splitThread('aaaa bbbbb ccc', { ...base, maxCharacters: 10 })).toEqual(['aaaa bbbbb', 'ccc']);
    expect(splitThread('aaaa bbbbb\n', { ...base, maxCharacters: 10 })).toEqual(['aaaa bbbbb']);
    expect(splitThread(`  ${'a'.repeat(60)}`, base)).toEqual(['a'.repeat(50), 'a'.repeat(10)]);
    expect(splitThread('  \n ', base)).toEqual([]);
  });

  it('where not even one character fits (a content warning over the limit), still ends, one character a part', () => {
    expect(splitThread('abc', { ...base, maxCharacters: 5, spoilerText: 'x'.repeat(10) })).toEqual(['a', 'b', 'c']);
  });

  it('numbered: leaves room for the widest " i/N" once there are ten parts or more, up to the limit exactly', () => {
    const text = 'a '.repeat(100).trim();
    const limits = { ...base, maxCharacters: 21, numbered: true };
    const split = splitThread(text, limits);
    const thread = newThread(split, true);
    const parts = split.map((_, i) => partText(thread, i));
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(fitsAll(parts, 21)).toBe(true);
    // 8 letters and their spaces (15) and " 10/13" (6) make 21: exactly the limit.
    expect(split[0]).toBe('a a a a a a a a');
    expect(split.join(' ')).toBe(text);
  });

  it('numbered: the numbering counts even for a short thread', () => {
    // 10 words of 4 make 49 characters; " 1/2" more is over 50.
    const text = 'word '.repeat(10).trim() + ' end';
    expect(splitThread(text, { ...base, numbered: false })).toEqual(['word '.repeat(10).trim(), 'end']);
    expect(splitThread(text, { ...base, numbered: true })).toEqual(['word '.repeat(9).trim(), 'word end']);
  });

  it('cuts a single word longer than a part by graphemes, never splitting an emoji', () => {
    const parts = splitThread('👩‍👩‍👧'.repeat(120), base);
    expect(parts.map((p) => [...new Intl.Segmenter().segment(p)].length)).toEqual([50, 50, 20]);
  });
});

describe('settled', () => {
  it('a part posted, or whose answer was lost, may be on the server: its text is fixed', () => {
    expect(settled({ text: 'x', posted: null, unconfirmedSince: null })).toBe(false);
    expect(settled({ text: 'x', posted: null, unconfirmedSince: 5 })).toBe(true);
    expect(settled({ text: 'x', posted: { id: '1', url: null }, unconfirmedSince: null })).toBe(true);
  });
});
