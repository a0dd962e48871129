import { escapeHtml } from './http.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function graphemeLength(text: string): number {
  return [...segmenter.segment(text)].length;
}

/** A URL with a scheme, without the punctuation that usually ends the sentence around it. */
const URL_RE = /https?:\/\/\S+?(?=[.,:;!?'")\]]*(?:\s|$))/giu;
/** Account::MENTION_RE: `@user` or `@user@domain`, not inside a word, an e-mail address or a path. */
const MENTION_RE = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)?/giu;

/**
 * StatusLengthValidator: spoiler text plus text, in grapheme clusters, where every URL
 * counts as `reservedPerUrl` characters and `@user@domain` as `@user`.
 */
export function countableLength(spoilerText: string, text: string, reservedPerUrl: number): number {
  const countable = text.replace(URL_RE, 'x'.repeat(reservedPerUrl)).replace(MENTION_RE, (_, username: string) => `@${username}`);
  return graphemeLength(spoilerText + countable);
}

/** Mastodon's plain-text formatting, links left out: paragraphs on blank lines, `<br />` on single breaks. */
export function formatContent(text: string): string {
  if (text === '') return '';
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br />')}</p>`)
    .join('');
}
