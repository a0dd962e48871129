import { browser } from 'wxt/browser';
import type messages from '@/public/_locales/en/messages.json';

/** Every key of the English catalogue; other locales fall back to it. */
export type MessageKey = keyof typeof messages;

/** Translates a user-facing string; `$1`… in the catalogue take `substitutions`. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions);
}
