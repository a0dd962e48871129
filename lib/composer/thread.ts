import type { CountingRule } from '../server-profile';
import type { Draft, DraftPatch, DraftThread, DraftVisibility, ThreadPart } from './draft';

export interface ThreadLimits {
  maxCharacters: number;
  charactersReservedPerUrl: number;
  /** The server's counting rule (its profile). */
  rule?: CountingRule;
  /** The content warning, repeated on every part: it counts on each where the rule says so. */
  spoilerText?: string;
  /** " 1/3" after each part; its characters count. */
  numbered: boolean;
}

/** " 2/5": what numbering adds to part `index` (0-based) of `total`. */
export const numbering = (index: number, total: number) => ` ${index + 1}/${total}`;

/** A new thread of the texts, nothing posted. */
export function newThread(texts: readonly string[], numbered: boolean): DraftThread {
  return { parts: texts.map((text) => ({ text, posted: null, unconfirmedSince: null })), numbered, replyVisibility: null };
}

/** Part `index` as it is sent and counted: its text, and " i/N" when numbered. */
export function partText(thread: Pick<DraftThread, 'parts' | 'numbered'>, index: number): string {
  const text = thread.parts[index]?.text ?? '';
  return thread.numbered ? text + numbering(index, thread.parts.length) : text;
}

/** The server may already have this part (posted, or its answer lost): its text is fixed. */
export const settled = (part: ThreadPart) => part.posted !== null || part.unconfirmedSince !== null;

/** Some part may be on the server: the thread can't be undone into one post, nor renumbered. */
export const threadStarted = (thread: DraftThread | null) => thread?.parts.some(settled) ?? false;

/**
 * The person's edit of the thread, over what the background knows: parts that may be on
 * the server keep their text and their record (a window that missed an update never
 * makes one look unposted), and once a part may be out, the thread stays a thread of
 * as many parts, numbered as it began.
 */
export function mergeThreadEdit(stored: DraftThread | null, edited: DraftThread | null): DraftThread | null {
  if (!threadStarted(stored)) return edited;
  const kept = stored!;
  if (!edited) return kept;
  return {
    ...edited,
    numbered: kept.numbered,
    parts: kept.parts.map((part, i) => (settled(part) ? part : { ...part, text: edited.parts[i]?.text ?? part.text })),
  };
}

/** A patch applied to a stored draft, the thread merged as `mergeThreadEdit` says. */
export function applyPatch(draft: Draft, patch: DraftPatch): Draft {
  return 'thread' in patch ? { ...draft, ...patch, thread: mergeThreadEdit(draft.thread, patch.thread ?? null) } : { ...draft, ...patch };
}

/** The replies' visibility: the person's choice, else Mastodon's convention (a public thread's replies go unlisted). */
export function replyVisibility(thread: Pick<DraftThread, 'replyVisibility'>, first: DraftVisibility): DraftVisibility {
  return thread.replyVisibility ?? (first === 'public' ? 'unlisted' : first);
}
