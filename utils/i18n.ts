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
 * The direction is the one of the catalogue the text comes from (its `textDirection`),
 * not `@@bidi_dir`: that one follows the browser's own interface, which headless
 * Chromium started with `--lang=ar` leaves left to right (checked), and which differs
 * from the text whenever the browser falls back to a catalogue of another direction.
 */
export function applyUiLocale(root: HTMLElement = document.documentElement): void {
  root.lang = uiLanguage();
  root.dir = t('textDirection') === 'rtl' ? 'rtl' : 'ltr';
}
