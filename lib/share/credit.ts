/**
 * Crediting a page's author (its `fediverse:creator`) in a shared post.
 *
 * Mastodon turns every `@user@host` in a post into a mention, and a mention notifies that
 * person. Credit "as text" must not: it writes the handle with a WORD JOINER (U+2060)
 * after the `@`, which reads the same but which Mastodon's mention pattern
 * (`@` followed by a username character) does not match. "Mention" writes the plain handle.
 */
export const CREDIT_MODES = ['text', 'mention', 'off'] as const;
export type CreditMode = (typeof CREDIT_MODES)[number];

const WORD_JOINER = '\u2060';

/** `via @a@x, @b@y` in the mode's form; empty for `off` or without authors. */
export function creditText(authors: readonly string[], mode: CreditMode): string {
  if (mode === 'off' || authors.length === 0) return '';
  const at = mode === 'mention' ? '@' : `@${WORD_JOINER}`;
  return `via ${authors.map((handle) => `${at}${handle}`).join(', ')}`;
}

/**
 * The post's text with its credit switched from one mode to another. The credit is
 * replaced where it stands; when it is not there (the person deleted it, or there was
 * none) the new one goes on a line of its own at the end. Removing it drops its line
 * when nothing else is on it.
 */
export function switchCredit(text: string, authors: readonly string[], from: CreditMode, to: CreditMode): string {
  const before = creditText(authors, from);
  const after = creditText(authors, to);
  if (before === after) return text;
  if (before && text.includes(before)) {
    return after ? text.replace(before, after) : removeFrom(text, before);
  }
  if (!after) return text;
  return text.trim() === '' ? after : `${text.trimEnd()}\n${after}`;
}

/** The text without `piece`; the line it stood on goes when nothing else is left on it. */
function removeFrom(text: string, piece: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(piece));
  if (index < 0) return text;
  const rest = lines[index]!.replace(piece, '').trimEnd();
  if (rest.trim() === '') lines.splice(index, 1);
  else lines[index] = rest;
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The text with `url` taken out (a quote shows the post, a removed preview takes its link
 * along), or put back at the end.
 */
export function withoutUrl(text: string, url: string): string {
  return url ? removeFrom(text, url) : text;
}

export function withUrl(text: string, url: string): string {
  if (!url || text.includes(url)) return text;
  return text.trim() === '' ? url : `${text.trimEnd()}\n${url}`;
}
