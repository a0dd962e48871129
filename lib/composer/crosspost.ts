import type { AccountStore, StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { QUOTES_API_VERSION } from '../mastodon/instance';
import { updateMedia } from '../mastodon/media';
import type { UploadProgress, UploadTransport } from '../mastodon/upload-transport';
import type { DraftId, PostError, PostOutcome } from '../messages';
import type { StoredValue } from '../stored-value';
import { chosenAccounts, crossposting, targetDone, type ChosenServer } from './chosen';
import type { Draft, DraftMap } from './draft';
import type { InstanceLimits } from './instance-limits';
import { findCopies, keepOne, outcomeUnknown, postErrorFrom, publish, toNewStatus } from './post';
import { checkDraft } from './rules';
import type { DraftTarget, TargetMedia } from './targets';
import { ProcessingTimeout, uploadAndProcess, waitUntilProcessed, type UploadTiming } from './upload';

/** What the cross-poster borrows from the composer service (lib/composer/service.ts). */
export interface CrosspostDeps {
  drafts: StoredValue<DraftMap>;
  accounts: AccountStore;
  uploads: UploadTransport;
  uploadStallMs?: number;
  uploadTiming?: UploadTiming;
  newId(): string;
  now(): number;
  uiLanguage(): string;
  broadcast(draftId: DraftId, draft: Draft): void;
  broadcastProgress?(draftId: DraftId, localId: string, progress: UploadProgress, accountId: string): void;
  ctxFor(account: StoredAccount): ClientContext;
  limitsOf(account: StoredAccount): Promise<InstanceLimits>;
  /** Changes the stored draft (serialised with every other change to it). */
  save(draftId: DraftId, change: (draft: Draft) => Draft): Promise<Draft>;
  /** Every account has its post: the draft is done, and a fresh one takes its place. */
  finish(draftId: DraftId, posted: Draft, outcome: PostOutcome & { ok: true }): Promise<PostOutcome>;
}

const newTarget = (idempotencyKey: string): DraftTarget => ({
  idempotencyKey,
  state: 'pending',
  statuses: [],
  scheduledAt: null,
  error: null,
  unconfirmedSince: null,
  media: {},
});

/**
 * Posting one draft as several accounts. Every chosen account is a target with its own
 * Idempotency-Key, its own uploads of each file and its own result, stored with the
 * draft as soon as known: targets are posted side by side, one failing server holds up
 * no other, and "Try again" sends only what has no post yet. The draft is done once
 * every chosen account has its post.
 */
export function createCrossposter(deps: CrosspostDeps) {
  /** Changes one target (made when missing), then tells open windows. */
  async function setTarget(draftId: DraftId, accountId: string, change: (target: DraftTarget) => Partial<DraftTarget>): Promise<Draft> {
    const draft = await deps.save(draftId, (d) => {
      const target = d.targets[accountId] ?? newTarget(deps.newId());
      return { ...d, targets: { ...d.targets, [accountId]: { ...target, ...change(target) } } };
    });
    deps.broadcast(draftId, draft);
    return draft;
  }

  const setMedia = (draftId: DraftId, accountId: string, localId: string, media: TargetMedia) =>
    setTarget(draftId, accountId, (t) => ({ media: { ...t.media, [localId]: media } }));

  const failed = (draftId: DraftId, accountId: string, error: PostError, unconfirmedSince: number | null) =>
    setTarget(draftId, accountId, () => ({ state: 'failed', error, unconfirmedSince }));

  /**
   * The ids of the draft's files on this account's server, in order: its own uploads,
   * made now where missing (each with the current alt text), or the draft's own upload
   * for the draft's own account. Progress is reported per account.
   */
  async function mediaOn(draftId: DraftId, draft: Draft, account: StoredAccount): Promise<string[]> {
    const ctx = deps.ctxFor(account);
    const ids: string[] = [];
    await Promise.all(
      draft.media.map(async (m, index) => {
        if (m.uploadedFor === account.id && m.serverId && m.state === 'ready') {
          if (!m.descriptionSynced) await updateMedia(ctx, account.token, m.serverId, m.description);
          ids[index] = m.serverId;
          return;
        }
        const had = draft.targets[account.id]?.media[m.localId];
        if (had?.state === 'ready' && had.serverId) {
          if (had.description !== m.description) {
            await updateMedia(ctx, account.token, had.serverId, m.description);
            await setMedia(draftId, account.id, m.localId, { ...had, description: m.description });
          }
          ids[index] = had.serverId;
          return;
        }
        const file = { fileId: m.localId, fileName: m.fileName, description: m.description };
        try {
          // An upload whose server id is known (a worker stopped while it processed) is waited for, not sent again.
          const attachment =
            had?.state === 'processing' && had.serverId
              ? await waitUntilProcessed(ctx, account.token, had.serverId, deps.uploadTiming)
              : await (async () => {
                  await setMedia(draftId, account.id, m.localId, { state: 'uploading', serverId: null, description: m.description, error: null });
                  return uploadAndProcess(
                    ctx,
                    account.token,
                    file,
                    async (serverId) => {
                      await setMedia(draftId, account.id, m.localId, { state: 'processing', serverId, description: m.description, error: null });
                    },
                    {
                      transport: deps.uploads,
                      stallMs: deps.uploadStallMs,
                      onProgress: (progress) => deps.broadcastProgress?.(draftId, m.localId, progress, account.id),
                    },
                    deps.uploadTiming,
                  );
                })();
          await setMedia(draftId, account.id, m.localId, { state: 'ready', serverId: attachment.id, description: m.description, error: null });
          ids[index] = attachment.id;
        } catch (error) {
          // Still processing when the wait ended: kept as processing, so "Try again" waits for it instead of sending it again.
          if (!(error instanceof ProcessingTimeout)) {
            await setMedia(draftId, account.id, m.localId, { state: 'failed', serverId: null, description: m.description, error: postErrorFrom(error, account.id).code });
          }
          throw error;
        }
      }),
    );
    return ids;
  }

  /** Posts the draft as one account, unless it has its post already; the result is stored with the draft. */
  async function postAs(draftId: DraftId, accountId: string, accounts: StoredAccount[]): Promise<void> {
    const draft = (await deps.drafts.getValue())[draftId];
    const target = draft?.targets[accountId];
    if (!draft || !target || targetDone(target)) return;
    const account = accounts.find((a) => a.id === accountId);
    if (!account) return void (await failed(draftId, accountId, { code: 'no-account' }, target.unconfirmedSince));
    const { limits, profile, mastodonApiVersion } = await deps.limitsOf(account);
    // Each server is held to its own limits: the one a text is too long for fails alone.
    const problems = checkDraft(draft, limits, deps.now(), profile.counting);
    if (problems.length > 0) return void (await failed(draftId, accountId, { code: 'invalid-draft', problems }, target.unconfirmedSince));
    await setTarget(draftId, accountId, () => ({ state: 'posting', error: null }));
    const ctx = deps.ctxFor(account);
    const done = (outcome: PostOutcome & { ok: true }, statusId: string | null) =>
      setTarget(draftId, accountId, () => ({
        state: outcome.scheduledAt ? 'scheduled' : 'posted',
        statuses: statusId ? [{ id: statusId, url: outcome.url }] : [],
        scheduledAt: outcome.scheduledAt,
        error: null,
        unconfirmedSince: null,
      }));
    try {
      if (target.unconfirmedSince !== null) {
        // An earlier attempt's answer was lost: it may have posted (servers that ignore the key, too).
        const copies = await findCopies(ctx, account, draft, { attemptSince: target.unconfirmedSince });
        if (copies.length > 0) return void (await done(...(await keepOne(ctx, account.token, copies))));
      }
      const mediaIds = await mediaOn(draftId, draft, account);
      // Marked before sending: a worker that dies before the answer looks for the post first next time.
      await setTarget(draftId, accountId, (t) => ({ unconfirmedSince: t.unconfirmedSince ?? deps.now() }));
      const own: Draft = { ...draft, media: draft.media.map((m, i) => ({ ...m, serverId: mediaIds[i] ?? null })) };
      const sent = toNewStatus(own, account, deps.uiLanguage(), profile, mastodonApiVersion >= QUOTES_API_VERSION);
      const published = await publish(ctx, account, own, sent, target.idempotencyKey, profile.idempotency);
      if (published.ok) await done(published.outcome, published.statusId);
      else await failed(draftId, accountId, published.error, target.unconfirmedSince);
    } catch (error) {
      // Without an answer the post may exist: the mark stays, and the next attempt looks first.
      const since = outcomeUnknown(error) ? ((await deps.drafts.getValue())[draftId]?.targets[accountId]?.unconfirmedSince ?? null) : target.unconfirmedSince;
      await failed(draftId, accountId, postErrorFrom(error, account.id, profile, limits.maxCharacters), since);
    }
  }

  return {
    /** The draft goes out as several accounts (or did: some have their post already). */
    async applies(draftId: DraftId): Promise<boolean> {
      const draft = (await deps.drafts.getValue())[draftId];
      const { accounts } = await deps.accounts.read();
      return !!draft && (crossposting(draft, accounts) || Object.values(draft.targets).some(targetDone));
    },

    /** Each chosen account's server, for the counter and the checks (none for one account). */
    async servers(draft: Draft, accounts: StoredAccount[]): Promise<ChosenServer[]> {
      if (!crossposting(draft, accounts)) return [];
      const chosen = chosenAccounts(draft, accounts).flatMap((id) => accounts.filter((a) => a.id === id));
      return Promise.all(
        chosen.map(async (account) => {
          const { limits, profile } = await deps.limitsOf(account);
          return { accountId: account.id, host: new URL(account.origin).host, limits, counting: profile.counting };
        }),
      );
    },

    /**
     * The other accounts the draft goes out as. An account that has its post stays chosen
     * (that post exists); the results of accounts no longer chosen are dropped.
     */
    choose(draftId: DraftId, accountIds: string[], connected: string[]): Promise<Draft> {
      return deps.save(draftId, (d) => {
        const posted = Object.keys(d.targets).filter((id) => targetDone(d.targets[id]));
        const others = [...new Set([...accountIds.filter((id) => connected.includes(id)), ...posted])].filter((id) => id !== d.accountId);
        const keep = new Set([...others, ...(d.accountId ? [d.accountId] : [])]);
        return { ...d, crosspostTo: others, targets: Object.fromEntries(Object.entries(d.targets).filter(([id]) => keep.has(id))) };
      });
    },

    /**
     * Posts as every chosen account that has no post yet (`only`: that one account, its
     * "Try again"), side by side. Done when every chosen account has its post; otherwise
     * each one's result stays with the draft, and the outcome says how many are missing.
     */
    async post(draftId: DraftId, accounts: StoredAccount[], only?: string): Promise<PostOutcome> {
      // Every target gets its key before anything is sent: a retry sends the same one.
      const draft = await deps.save(draftId, (d) => ({
        ...d,
        targets: Object.fromEntries(chosenAccounts(d, accounts).map((id) => [id, d.targets[id] ?? newTarget(deps.newId())])),
      }));
      const sending = chosenAccounts(draft, accounts).filter((id) => !targetDone(draft.targets[id]) && (only === undefined || id === only));
      await Promise.all(sending.map((id) => postAs(draftId, id, accounts)));
      const after = (await deps.drafts.getValue())[draftId]!;
      const chosen = chosenAccounts(after, accounts);
      const missing = chosen.filter((id) => !targetDone(after.targets[id]));
      if (missing.length > 0) return { ok: false, error: { code: 'not-all-posted', failed: missing.length } };
      const first = after.targets[chosen[0]!]!;
      return deps.finish(draftId, after, { ok: true, url: first.statuses[0]?.url ?? null, scheduledAt: first.scheduledAt, targets: after.targets });
    },

    /**
     * The worker (re)started: no post or upload of an earlier run is under way any more.
     * A post cut off becomes failed with its mark kept (the next attempt looks for it
     * first); an upload cut off is made again; a processing wait is resumed at posting.
     */
    async recover(draftId: DraftId, draft: Draft): Promise<void> {
      for (const [accountId, target] of Object.entries(draft.targets)) {
        const cut = Object.entries(target.media).filter(([, m]) => m.state === 'uploading');
        if (target.state !== 'posting' && cut.length === 0) continue;
        await setTarget(draftId, accountId, (t) => ({
          ...(t.state === 'posting' ? { state: 'failed', error: { code: 'unreachable' } } : {}),
          media: Object.fromEntries(Object.entries(t.media).filter(([, m]) => m.state !== 'uploading')),
        }));
      }
    },
  };
}
export type Crossposter = ReturnType<typeof createCrossposter>;
