import type { StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import type { PostOutcome } from '../messages';
import type { ServerProfile } from '../server-profile';
import type { Draft, DraftThread, ThreadPart } from './draft';
import { deleteCopies, findCopies, outcomeUnknown, postErrorFrom, publish, syncDescriptions, toNewStatus, type Copy } from './post';
import { partText, replyVisibility } from './thread';

/** What posting a thread needs from the composer service. */
export interface ThreadPosting {
  ctx: ClientContext;
  account: StoredAccount;
  profile: ServerProfile;
  uiLanguage: string;
  /** The instance has quotes: the first part may quote the shared post, and every part says who may quote it. */
  quotes: boolean;
  /** For the server's words about an over-long part. */
  maxCharacters: number;
  now(): number;
  /** Stores a change to the draft's thread at once (and tells open windows): the record survives anything that follows. */
  update(change: (thread: DraftThread) => DraftThread): Promise<Draft>;
}

/** Posted: the draft with every part's status, and what the person is told. Or why not. */
export type ThreadOutcome = { ok: true; draft: Draft; outcome: PostOutcome & { ok: true } } | (PostOutcome & { ok: false });

/**
 * Part `index`'s own Idempotency-Key, derived from the draft's: stable across attempts
 * (a server that honours keys answers a retry with the part it already made) and never
 * shared with another part or the draft's single post.
 */
export const partKey = (draft: Pick<Draft, 'idempotencyKey'>, index: number) => `${draft.idempotencyKey}-${index + 1}`;

/**
 * Posts the draft's thread part by part, each replying to the one before. Parts already
 * posted are skipped, so "Try again" goes on from the first part not posted; each part's
 * status is stored as soon as it is known. A part whose answer was lost is looked for on
 * the server before it is sent again. The CW and language go on every part; the media,
 * the poll and a quote on the first; the replies take `replyVisibility`.
 */
export async function postThread(draft: Draft, io: ThreadPosting): Promise<ThreadOutcome> {
  const { ctx, account, profile } = io;
  let thread = draft.thread!;
  const setPart = async (index: number, change: Partial<ThreadPart>) => {
    const stored = await io.update((t) => ({ ...t, parts: t.parts.map((p, i) => (i === index ? { ...p, ...change } : p)) }));
    thread = stored.thread!;
    return stored;
  };
  const firstVisibility = draft.visibility ?? account.defaults.visibility;
  let latest = draft;
  let index = 0;
  let removedCopies = 0;
  let leftCopies = 0;
  /** Copies beyond the one kept (a lost answer, a re-sent POST where keys are ignored) go. */
  const removeExtra = async (extra: Copy[]) => {
    const removed = await deleteCopies(ctx, account.token, extra);
    removedCopies += removed;
    leftCopies += extra.length - removed;
  };
  try {
    for (; index < thread.parts.length; index += 1) {
      const part = thread.parts[index]!;
      if (part.posted) continue;
      const text = partText(thread, index);
      const own: Draft =
        index === 0
          ? { ...draft, text }
          : { ...draft, text, media: [], poll: null, share: null, visibility: replyVisibility(thread, firstVisibility) };
      if (part.unconfirmedSince !== null) {
        // An earlier attempt's answer was lost: this part may be out already, maybe twice.
        const [found, ...extra] = await findCopies(ctx, account, own, { attemptSince: part.unconfirmedSince });
        if (found) {
          await removeExtra(extra);
          latest = await setPart(index, { posted: { id: found.id, url: found.url }, unconfirmedSince: null });
          continue;
        }
      }
      if (index === 0) await syncDescriptions(ctx, account.token, draft.media);
      // Marked before sending: a worker stopped before the answer leaves the check for next time.
      await setPart(index, { unconfirmedSince: part.unconfirmedSince ?? io.now() });
      const sent = {
        ...toNewStatus(own, account, io.uiLanguage, profile, io.quotes),
        inReplyToId: index === 0 ? null : thread.parts[index - 1]!.posted!.id,
      };
      const published = await publish(ctx, account, own, sent, partKey(draft, index), profile.idempotency);
      if (!published.ok) {
        // Not what the person wrote (removed again): nothing of this part stands.
        await setPart(index, { unconfirmedSince: part.unconfirmedSince });
        return published;
      }
      // Never scheduled: checkDraft refuses a scheduled thread.
      if (published.statusId === null) throw new Error('A thread part was scheduled');
      removedCopies += published.outcome.removedCopies ?? 0;
      leftCopies += published.outcome.leftCopies ?? 0;
      latest = await setPart(index, { posted: { id: published.statusId, url: published.outcome.url }, unconfirmedSince: null });
    }
  } catch (error) {
    // A definite refusal: the part does not exist, so no check is needed next time.
    if (!outcomeUnknown(error) && index < thread.parts.length) await setPart(index, { unconfirmedSince: draft.thread!.parts[index]!.unconfirmedSince });
    return { ok: false, error: postErrorFrom(error, account.id, profile, io.maxCharacters) };
  }
  const urls = thread.parts.map((p) => p.posted?.url ?? null);
  const copies = removedCopies + leftCopies > 0 ? { removedCopies, leftCopies } : {};
  return { ok: true, draft: latest, outcome: { ok: true, url: urls[0] ?? null, scheduledAt: null, threadUrls: urls, ...copies } };
}
