import { describe, expect, it } from 'vitest';
import { countPost } from '@/lib/composer/count';
import { newThread, partText, splitThread } from '@/lib/composer/thread';

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

  it('cuts a single word longer than a part by graphemes, never splitting an emoji', () => {
    const parts = splitThread('👩‍👩‍👧'.repeat(120), base);
    expect(parts.map((p) => [...new Intl.Segmenter().segment(p)].length)).toEqual([50, 50, 20]);
  });
});
