import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, unknown> }>;

describe('the English message catalogue', () => {
  it('names no placeholder it does not define (Chromium then refuses to load the whole extension)', () => {
    // Chromium reads `$name$` as a named placeholder, with `@` allowed in the name: a handle
    // written `@$1@$2` is read as the undefined `$1@$`.
    const undefinedPlaceholders = Object.entries(en as Catalogue).flatMap(([key, entry]) =>
      [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)]
        .map((match) => match[1]!.toLowerCase())
        .filter((name) => !Object.keys(entry.placeholders ?? {}).some((defined) => defined.toLowerCase() === name))
        .map((name) => `${key}: $${name}$`),
    );
    expect(undefinedPlaceholders).toEqual([]);
  });
});
