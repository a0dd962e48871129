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

/** `@user@domain` as Mastodon links it: the domain only in the link, `@user` shown. */
function linkMentions(escaped: string): string {
  return escaped.replace(MENTION_RE, (whole, username: string) => {
    const domain = whole.split('@')[2];
    if (!domain) return whole;
    return `<span class="h-card" translate="no"><a href="https://${domain}/@${username}" class="u-url mention">@<span>${username}</span></a></span>`;
  });
}

/** The little Markdown the fake renders (text/markdown): **strong** and _emphasis_. */
function markdown(escaped: string): string {
  return escaped.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/(^|\s)_(.+?)_(?=\s|$)/g, '$1<em>$2</em>');
}

/**
 * Mastodon's plain-text formatting, links left out: paragraphs on blank lines, `<br />` on
 * single breaks, remote mentions shown as `@user`; Markdown where it was asked for.
 */
export function formatContent(text: string, contentType: string | null = null): string {
  if (text === '') return '';
  const format = (paragraph: string) => {
    const escaped = linkMentions(escapeHtml(paragraph));
    return contentType === 'text/markdown' ? markdown(escaped) : escaped;
  };
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${format(paragraph).replaceAll('\n', '<br />')}</p>`)
    .join('');
}
