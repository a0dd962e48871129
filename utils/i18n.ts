import { browser } from 'wxt/browser';
import type messages from '@/public/_locales/en/messages.json';

/** Every key of the English catalogue; other locales fall back to it. */
export type MessageKey = keyof typeof messages;

/** Translates a user-facing string; `$1`… in the catalogue take `substitutions`. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}

/** The browser's UI language (`de`, `pt-BR`…): what dates, numbers and the counter follow. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/**
 * Marks the page with the UI language and its writing direction, so that screen readers
 * pick the right voice and a right-to-left language (Arabic) lays the page out mirrored.
 * The direction comes from the catalogue the browser chose (`@@bidi_dir`), which is the
 * language the page's text is really in.
 */
export function applyUiLocale(root: HTMLElement = document.documentElement): void {
  root.lang = uiLanguage();
  root.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}
