/** Mastodon wants a language code ("en"), not a browser locale ("en-US", "zh_Hant"). */
export function languageCode(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase();
}

/**
 * The language a post goes out in: the draft's, else the account's, else the browser's.
 * A blank one counts as none: Mastodon's own documented account has `source.language: ""`.
 */
export function postLanguage(draftLanguage: string | null, accountLanguage: string | null, uiLanguage: string): string {
  return languageCode(draftLanguage || accountLanguage || uiLanguage);
}
