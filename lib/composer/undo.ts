import type { StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { MastodonError } from '../mastodon/errors';
import { getMedia } from '../mastodon/media';
import { deleteStatus } from '../mastodon/statuses';
import type { ComposerState, DraftId, UndoOutcome } from '../messages';
import type { Draft, DraftMedia } from './draft';
import { postErrorFrom } from './post';
import type { ComposerDeps } from './deps';

/** Something typed, attached or asked is in the draft: nothing made elsewhere may replace it. */
export const inUse = (draft: Draft) => draft.text.trim() !== '' || draft.media.length > 0 || draft.poll !== null;

/** What Undo needs of the composer service (lib/composer/service.ts). */
export interface UndoDeps extends Pick<ComposerDeps, 'undo' | 'accounts' | 'files' | 'recentPosts' | 'newId'> {
  now(): number;
  ctxFor(account: StoredAccount): ClientContext;
  current(draftId: DraftId): Promise<{ draft: Draft; account: StoredAccount | null }>;
  /** Replaces the stored draft. */
  put(draftId: DraftId, draft: Draft): Promise<unknown>;
  state(draftId: DraftId): Promise<ComposerState>;
  startUpload(draftId: DraftId, localId: string): void;
}

/** Taking a post back while its window is open, and closing the windows that ran out. */
export function createUndo(deps: UndoDeps) {
  const { now, ctxFor, current, put, state, startUpload } = deps;

  /**
   * Takes the draft's last post back: deletes the status and puts the draft back as it was
   * posted, under a new Idempotency-Key (the old one would answer with the deleted post).
   * Media the server kept for a redraft is attached again as it is; media it dropped is
   * uploaded again from the kept file.
   */
  async function undo(draftId: DraftId): Promise<UndoOutcome> {
    const entry = (await deps.undo.getValue())[draftId];
    if (!entry || entry.until <= now()) return { ok: false, error: { code: 'undo-expired' } };
    const { draft: fresh } = await current(draftId);
    // Something typed since posting is never overwritten.
    if (inUse(fresh)) return { ok: false, error: { code: 'draft-in-use' } };
    const account = (await deps.accounts.read()).accounts.find((a) => a.id === entry.accountId);
    if (!account) return { ok: false, error: { code: 'no-account' } };
    const ctx = ctxFor(account);
    try {
      await deleteStatus(ctx, account.token, entry.statusId);
    } catch (error) {
      // Already gone (deleted elsewhere): the draft comes back all the same.
      if (!(error instanceof MastodonError && error.details.status === 404)) return { ok: false, error: postErrorFrom(error, account.id) };
    }
    await deps.undo.setValue(withoutKey(await deps.undo.getValue(), draftId));
    await deps.recentPosts?.removed(entry.accountId, entry.statusId);
    const media = await Promise.all(
      entry.draft.media.map(async (m): Promise<DraftMedia> => {
        const kept = m.serverId !== null && (await stillOnServer(ctx, account.token, m.serverId));
        return kept ? m : { ...m, state: 'uploading', serverId: null, uploadedFor: null, descriptionSynced: true, error: null };
      }),
    );
    const restored: Draft = { ...entry.draft, media, idempotencyKey: deps.newId(), unconfirmedSince: null, updatedAt: now() };
    await put(draftId, restored);
    for (const m of media) if (m.state === 'uploading') startUpload(draftId, m.localId);
    return { ok: true, state: await state(draftId) };
  }

  /** The server still has the attachment (kept for a redraft), or it must be uploaded again. */
  async function stillOnServer(ctx: ClientContext, token: string, serverId: string): Promise<boolean> {
    try {
      await getMedia(ctx, token, serverId);
      return true;
    } catch {
      return false;
    }
  }

  /** Windows that closed: their posts stay, and the files kept for them go. */
  async function closeUndoWindows(): Promise<void> {
    const entries = await deps.undo.getValue();
    const closed = (Object.keys(entries) as DraftId[]).filter((id) => entries[id]!.until <= now());
    if (closed.length === 0) return;
    await deps.undo.setValue(Object.fromEntries(Object.entries(entries).filter(([id]) => !closed.includes(id as DraftId))));
    await Promise.all(closed.flatMap((id) => entries[id]!.draft.media.map((m) => deps.files.delete(m.localId))));
  }

  return { undo, closeUndoWindows };
}

function withoutKey<K extends string, V>(map: Partial<Record<K, V>>, key: K): Partial<Record<K, V>> {
  const { [key]: _, ...rest } = map;
  return rest as Partial<Record<K, V>>;
}
