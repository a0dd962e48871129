import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every locale carries every key of the English catalogue and no other, and each message
 * takes the same placeholders as the English one: a missing key would fall back to
 * English in the middle of a translated screen, an extra one is a typo or a leftover, and
 * a lost `$2` silently drops the instance name or the reason from a message.
 */
const LOCALES = join(__dirname, '../../public/_locales');

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const read = (locale: string): Catalogue => JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Catalogue;

/** `$1`…`$9` and named `$name$` placeholders, sorted; `$$` is a literal dollar sign. */
function placeholders(entry: Entry): string[] {
  const text = entry.message.replaceAll('$$', '');
  const numbered = text.match(/\$[1-9]/g) ?? [];
  const named = (text.match(/\$[A-Za-z_][A-Za-z0-9_@]*\$/g) ?? []).map((name) => name.toLowerCase());
  return [...new Set([...numbered, ...named])].sort();
}

const english = read('en');
const locales = readdirSync(LOCALES).filter((name) => name !== 'en');

describe('locales', () => {
  it('has German, French, Spanish, Japanese and a right-to-left language besides English', () => {
    expect(locales.sort()).toEqual(expect.arrayContaining(['ar', 'de', 'es', 'fr', 'ja']));
  });

  it('English declares every named placeholder it uses', () => {
    for (const [key, entry] of Object.entries(english)) {
      const named = placeholders(entry).filter((p) => p.endsWith('$') && p.length > 2);
      for (const name of named) expect(Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()), key).toContain(name.slice(1, -1));
    }
  });

  describe.each(locales)('%s', (locale) => {
    const catalogue = read(locale);

    it('has exactly the English keys', () => {
      const missing = Object.keys(english).filter((key) => !(key in catalogue));
      const extra = Object.keys(catalogue).filter((key) => !(key in english));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it('takes the same placeholders as English in every message', () => {
      const mismatches = Object.keys(english)
        .filter((key) => key in catalogue)
        .map((key) => ({ key, english: placeholders(english[key]!), [locale]: placeholders(catalogue[key]!) }))
        .filter((row) => JSON.stringify(row.english) !== JSON.stringify(row[locale]));
      expect(mismatches).toEqual([]);
    });

    it('declares the same named placeholders with the same content', () => {
      for (const [key, entry] of Object.entries(english)) {
        if (!entry.placeholders) continue;
        expect(catalogue[key]?.placeholders, key).toEqual(entry.placeholders);
      }
    });

    it('says which way it is written: only Arabic right to left', () => {
      expect(catalogue.textDirection?.message).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    });

    it('translates every message (none empty)', () => {
      const empty = Object.entries(catalogue).filter(([, entry]) => entry.message.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });
  });
});
