// Apart from languages.ts (the list of every code): the composer's language button names
// its one language at rest, and the list loads only when the person opens it.

export const displayNames = (locale: string) => new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });

/** The name, or undefined where the browser has none (or the code is not a valid tag). */
export function nameWith(names: Intl.DisplayNames, code: string): string | undefined {
  try {
    const name = names.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The UI-language name of a language code, or the code itself where the browser has none. */
export const languageName = (uiLanguage: string, code: string) => nameWith(displayNames(uiLanguage), code) ?? code;
