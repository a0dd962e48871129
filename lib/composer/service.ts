import { toAccountView, type StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { DEFAULT_LIMITS, QUOTES_API_VERSION } from '../mastodon/instance';
import type { ComposerState, DraftId, PostOutcome } from '../messages';
import { MASTODON_PROFILE } from '../server-profile';
import { createUpdater } from '../stored-value';
import { emptyDraft, type Draft, type DraftPatch, type DraftThread } from './draft';
import type { InstanceLimits } from './instance-limits';
import { postLanguage } from './language';
import { findCopies, keepOne, outcomeUnknown, postErrorFrom, publish, syncDescriptions, toNewStatus } from './post';
import { limitsForAll, strictestServer } from './chosen';
import { createCrossposter } from './crosspost';
import { checkDraft, effectiveSpoiler, type Limits } from './rules';
import { applyPatch, threadStarted } from './thread';
import { postThread } from './thread-post';
import { createMediaUploads } from './media-uploads';
import { createShareDrafts } from './share-drafts';
import type { ComposerDeps } from './deps';
import { POSTED_KEPT_MS } from './posted';
import { createUndo, inUse } from './undo';

/** Undo's window when the options page says nothing (Settings.undoSeconds). */
const DEFAULT_UNDO_SECONDS = 30;

/** How many recent post languages the language list puts first. */
const RECENT_LANGUAGES = 5;

/**
 * The background's composer: drafts live here (storage.local), so they survive the popup
 * closing, a failed post and a re-login; uploads run here (media-uploads.ts), in parallel,
 * and go on with the popup closed; posting sends one Idempotency-Key per draft. Undo
 * (undo.ts), share windows' drafts (share-drafts.ts) and cross-posting (crosspost.ts) are
 * wired in here, on the same drafts.
 */
export function createComposerService(deps: ComposerDeps) {
  const now = deps.now ?? Date.now;
  const update = createUpdater(deps.drafts);

  const ctxFor = (account: StoredAccount): ClientContext => ({ origin: account.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs });

  async function newDraft(accountId: string | null): Promise<Draft> {
    const draft = emptyDraft(deps.newId(), accountId, now());
    const preferences = await deps.preferences?.();
    if (!preferences) return draft;
    // Local-only and the format are sent only where the account's server offers them (toNewStatus).
    return {
      ...draft,
      visibility: preferences.defaultVisibility,
      language: preferences.defaultLanguage,
      localOnly: preferences.defaultLocalOnly,
      contentType: preferences.defaultFormat,
      // The options page's group: the other accounts a new draft also goes out as.
      crosspostTo: (preferences.crosspostDefault ?? []).filter((id) => id !== accountId),
    };
  }

  /** Set by recover(): nothing reads drafts before what an earlier run left is sorted out. */
  let recovering: Promise<void> = Promise.resolve();

  /** One post (or check whether it went out) per draft at a time: two never race to post it. */
  const postQueues = new Map<DraftId, Promise<unknown>>();
  function onePostAtATime<T>(draftId: DraftId, task: () => Promise<T>): Promise<T> {
    const run = (postQueues.get(draftId) ?? Promise.resolve()).then(task);
    postQueues.set(draftId, run.catch(() => undefined));
    return run;
  }

  /** The draft with a usable account: its own if still connected, else the default. */
  async function current(draftId: DraftId): Promise<{ draft: Draft; account: StoredAccount | null }> {
    await recovering;
    const { accounts, defaultAccountId } = await deps.accounts.read();
    const stored = (await deps.drafts.getValue())[draftId];
    const own = accounts.find((a) => a.id === stored?.accountId);
    const account = own ?? accounts.find((a) => a.id === defaultAccountId) ?? accounts[0] ?? null;
    if (stored && stored.accountId === (account?.id ?? null)) return { draft: stored, account };
    const draft = stored ? { ...stored, accountId: account?.id ?? null } : await newDraft(account?.id ?? null);
    await put(draftId, draft);
    return { draft, account };
  }

  /** Changes a draft that exists (callers make sure through `current`). */
  async function save(draftId: DraftId, change: (draft: Draft) => Draft): Promise<Draft> {
    const map = await update((drafts) => {
      const draft = drafts[draftId];
      return draft ? { ...drafts, [draftId]: { ...change(draft), updatedAt: now() } } : drafts;
    });
    return map[draftId] as Draft;
  }

  /** Saves a change the open windows did not ask for, and tells them. */
  async function broadcasting(draftId: DraftId, change: (draft: Draft) => Draft): Promise<Draft> {
    const draft = await save(draftId, change);
    deps.broadcast(draftId, draft);
    return draft;
  }

  const put = (draftId: DraftId, draft: Draft) => update((drafts) => ({ ...drafts, [draftId]: draft }));

  async function state(draftId: DraftId, refreshLimits = false): Promise<ComposerState> {
    const { draft, account } = await current(draftId);
    const { limits, defaults, profile, mastodonApiVersion } = await limitsOf(account, refreshLimits);
    const undo = (await deps.undo.getValue())[draftId];
    const preferences = await deps.preferences?.();
    return {
      undoUntil: undo && undo.until > now() ? undo.until : null,
      quotes: mastodonApiVersion >= QUOTES_API_VERSION,
      draftId,
      draft,
      account: account ? toAccountView(account) : null,
      limits,
      limitsAreDefaults: defaults,
      server: profile,
      uiLanguage: deps.uiLanguage(),
      counterStyle: preferences?.counterStyle ?? 'remaining',
      recentLanguages: await recentLanguages(),
      altTextReminder: preferences?.altTextReminder ?? true,
      servers: await crossposter.servers(draft, (await deps.accounts.read()).accounts),
    };
  }

  /** What a new file must fit: the account's limits, or every chosen server's when cross-posting. */
  async function mediaLimits(draft: Draft, account: StoredAccount | null): Promise<Limits> {
    const servers = await crossposter.servers(draft, (await deps.accounts.read()).accounts);
    const strictest = strictestServer(draft, servers);
    return strictest ? limitsForAll(strictest, servers) : (await limitsOf(account)).limits;
  }

  const crossposter = createCrossposter({
    ...deps,
    now,
    ctxFor,
    limitsOf: (account) => limitsOf(account),
    save,
    finish: (draftId, posted, outcome) => finish(draftId, posted, outcome, null),
  });

  /** Without an account there is no instance to ask: Mastodon's defaults. */
  const limitsOf = (account: StoredAccount | null, refresh = false): Promise<InstanceLimits> =>
    account
      ? deps.instances.limitsFor(account.origin, { refresh })
      : Promise.resolve({ limits: DEFAULT_LIMITS, defaults: true, profile: MASTODON_PROFILE, mastodonApiVersion: 0 });

  const uploads = createMediaUploads({ ...deps, ctxFor, current, save, mediaLimits });
  const { tracked, startUpload, resumeProcessing, report } = uploads;
  const { undo, closeUndoWindows } = createUndo({ ...deps, now, ctxFor, current, put, state, startUpload });
  const shares = createShareDrafts({ ...deps, ctxFor, current, save, mediaLimits, limitsOf, newDraft, put, update, onePostAtATime, uploads });
  const { resolveQuote, fetchShared } = shares;

  return {
    getComposer: (draftId: DraftId) => state(draftId),

    async updateDraft(draftId: DraftId, patch: DraftPatch): Promise<Draft> {
      await current(draftId);
      return save(draftId, (draft) => applyPatch(draft, patch));
    },

    async selectAccount(draftId: DraftId, accountId: string): Promise<ComposerState> {
      const { accounts } = await deps.accounts.read();
      if (!accounts.some((a) => a.id === accountId)) return state(draftId);
      // Its replies need the earlier parts' ids, which only that account's server knows.
      if (threadStarted((await current(draftId)).draft.thread)) return state(draftId);
      // Media ids belong to one account on one server: upload again for the new one.
      const draft = await save(draftId, (d) => ({
        ...d,
        accountId,
        media: d.media.map((m) => (m.uploadedFor === accountId ? m : { ...m, state: 'uploading', serverId: null, error: null })),
      }));
      for (const m of draft.media) if (m.state === 'uploading') startUpload(draftId, m.localId);
      const next = await state(draftId, true);
      // A status id belongs to one server: the new account's instance resolves the page again.
      if (draft.share && draft.share.quote.accountId !== accountId) void resolveQuote(draftId);
      return next;
    },

    addMedia: uploads.addMedia,
    describeMedia: uploads.describeMedia,
    removeMedia: uploads.removeMedia,
    cancelUpload: uploads.cancelUpload,
    retryMedia: uploads.retryMedia,

    /** Share windows' drafts: seed, quote check, the shared image, unfinished ones. */
    ...shares,

    /**
     * The worker (re)started: nothing of an earlier run is under way any more. Processing
     * waits resume, and so do fetches of shared images; uploads that were cut off become
     * failed, with Retry; a draft whose post may have gone out is checked against the
     * account's latest posts.
     */
    recover(): Promise<void> {
      recovering = recoverNow();
      return recovering;
    },

    /**
     * Posts the draft. `idempotencyKey` names the draft the window means: if that one was
     * posted already (the answer was lost on the way to the window), its outcome comes back.
     */
    post: (draftId: DraftId, idempotencyKey?: string, accountId?: string) =>
      tracked(() =>
        onePostAtATime(draftId, async (): Promise<PostOutcome> => {
          const { draft } = await current(draftId);
          const earlier = idempotencyKey && idempotencyKey !== draft.idempotencyKey ? (await deps.posted.getValue())[idempotencyKey] : undefined;
          if (earlier) return { ok: true, url: earlier.url, scheduledAt: earlier.scheduledAt, ...(earlier.targets ? { targets: earlier.targets } : {}) };
          if (await crossposter.applies(draftId)) return crossposter.post(draftId, (await deps.accounts.read()).accounts, accountId);
          return post(draftId);
        }),
      ),

    /** Cross-posting: the other accounts the draft also goes out as. */
    async crosspostTo(draftId: DraftId, accountIds: string[]): Promise<ComposerState> {
      await current(draftId);
      const { accounts } = await deps.accounts.read();
      await crossposter.choose(draftId, accountIds, accounts.map((a) => a.id));
      return state(draftId);
    },

    undo: (draftId: DraftId) => tracked(() => onePostAtATime(draftId, () => undo(draftId))),

    /** Delete & redraft, first: whether the draft holds something it must not lose. */
    draftInUse: async (draftId: DraftId) => inUse((await current(draftId)).draft),

    /** Delete & redraft, then: the post becomes the draft (the surfaces hear it). */
    async restoreDraft(draftId: DraftId, draft: Draft): Promise<ComposerState> {
      const restored: Draft = { ...draft, idempotencyKey: deps.newId(), unconfirmedSince: null, updatedAt: now() };
      await put(draftId, restored);
      deps.broadcast(draftId, restored);
      return state(draftId);
    },

    newDraft: (accountId: string) => newDraft(accountId),
  };

  async function recoverNow(): Promise<void> {
    await closeUndoWindows();
    const drafts = Object.entries(await deps.drafts.getValue()) as Array<[DraftId, Draft | undefined]>;
    const { accounts } = await deps.accounts.read();
    for (const [draftId, draft] of drafts) {
      if (!draft) continue;
      await crossposter.recover(draftId, draft);
      const account = accounts.find((a) => a.id === draft.accountId);
      for (const m of draft.media) {
        if (m.state === 'processing' && m.serverId && account && m.uploadedFor === account.id) {
          void tracked(() => resumeProcessing(draftId, m, account));
        } else if (m.state === 'fetching' && m.source) {
          void fetchShared(draftId, m.localId, m.source);
        } else if (m.state === 'uploading' || m.state === 'processing' || m.state === 'fetching') {
          // A fetch without its address (a draft from an older version) can't start again: share it again.
          await report(draftId, m.localId, { state: 'failed', error: m.state === 'fetching' ? 'fetch-interrupted' : 'interrupted' });
        }
      }
      // Not awaited: the check needs the network, and the composer must open meanwhile.
      if (draft.unconfirmedSince !== null && account) void tracked(() => onePostAtATime(draftId, () => settleUnconfirmed(draftId, account)));
    }
  }

  /** Posts the draft as its one account (a thread part by part). */
  async function post(draftId: DraftId): Promise<PostOutcome> {
    const { draft, account } = await current(draftId);
    if (!account) return { ok: false, error: { code: 'no-account' } };
    const { limits, profile, mastodonApiVersion } = await limitsOf(account);
    const problems = checkDraft(draft, limits, now(), profile.counting);
    if (problems.length > 0) return { ok: false, error: { code: 'invalid-draft', problems } };
    const ctx = ctxFor(account);
    if (draft.thread) {
      const quotes = mastodonApiVersion >= QUOTES_API_VERSION;
      const update = (change: (thread: DraftThread) => DraftThread) => broadcasting(draftId, (d) => (d.thread ? { ...d, thread: change(d.thread) } : d));
      const threaded = await postThread(draft, { ctx, account, profile, uiLanguage: deps.uiLanguage(), quotes, maxCharacters: limits.maxCharacters, now, update });
      // Several statuses: no Undo (it takes back one post).
      return threaded.ok ? finish(draftId, threaded.draft, threaded.outcome, null) : threaded;
    }
    try {
      if (draft.unconfirmedSince !== null) {
        // An earlier attempt's answer was lost: it may have posted, maybe more than once.
        const copies = await findCopies(ctx, account, draft, { attemptSince: draft.unconfirmedSince });
        if (copies.length > 0) return await finish(draftId, draft, ...(await keepOne(ctx, account.token, copies)));
      }
      await syncDescriptions(ctx, account.token, draft.media);
      // Marked before sending: if the worker dies before the answer, the next start checks
      // whether the post went out instead of posting it again.
      await save(draftId, (d) => ({ ...d, unconfirmedSince: d.unconfirmedSince ?? now() }));
      const sent = toNewStatus(draft, account, deps.uiLanguage(), profile, mastodonApiVersion >= QUOTES_API_VERSION);
      const published = await publish(ctx, account, draft, sent, draft.idempotencyKey, profile.idempotency);
      if (!published.ok) {
        // Settled either way: the stray post is no unconfirmed copy of this draft.
        await save(draftId, (d) => ({ ...d, unconfirmedSince: draft.unconfirmedSince }));
        return published;
      }
      return await finish(draftId, draft, published.outcome, published.statusId);
    } catch (error) {
      // A definite refusal: the post does not exist, so no check is needed next time.
      if (!outcomeUnknown(error)) await save(draftId, (d) => ({ ...d, unconfirmedSince: draft.unconfirmedSince }));
      return { ok: false, error: postErrorFrom(error, account.id, profile, limits.maxCharacters) };
    }
  }

  /** A post that may have gone out while no one was listening: found → the draft is done. */
  async function settleUnconfirmed(draftId: DraftId, account: StoredAccount): Promise<void> {
    // Read again: a post that ran first may have settled it.
    const draft = (await deps.drafts.getValue())[draftId];
    if (!draft || draft.unconfirmedSince === null) return;
    try {
      const ctx = ctxFor(account);
      const copies = await findCopies(ctx, account, draft, { attemptSince: draft.unconfirmedSince });
      if (copies.length > 0) {
        await finish(draftId, draft, ...(await keepOne(ctx, account.token, copies)));
        deps.broadcast(draftId, (await deps.drafts.getValue())[draftId]!);
      }
    } catch {
      // Unreachable now: the mark stays, and the next attempt to post checks first.
    }
  }

  /** The posted language goes first in the language list from now on. */
  async function rememberLanguage(posted: Draft): Promise<void> {
    if (!deps.recentLanguages) return;
    const account = (await deps.accounts.read()).accounts.find((a) => a.id === posted.accountId);
    const language = postLanguage(posted.language, account?.defaults.language ?? null, deps.uiLanguage());
    const recent = await recentLanguages();
    await deps.recentLanguages.setValue([language, ...recent.filter((l) => l !== language)].slice(0, RECENT_LANGUAGES));
  }

  /** The stored list, checked on read as every stored value is: anything but language codes is dropped. */
  async function recentLanguages(): Promise<string[]> {
    const stored: unknown = await deps.recentLanguages?.getValue();
    return Array.isArray(stored) ? stored.filter((code): code is string => typeof code === 'string' && /^[a-z]{2,3}$/.test(code)) : [];
  }

  /**
   * Posted: a fresh draft (new key) for the same account. A published status (`statusId`)
   * can be undone for a while: the posted draft and its files are kept until then.
   */
  async function finish(draftId: DraftId, posted: Draft, outcome: PostOutcome & { ok: true }, statusId: string | null): Promise<PostOutcome> {
    const at = now();
    const kept = await deps.posted.getValue();
    const recent = Object.fromEntries(Object.entries(kept).filter(([, entry]) => at - entry.at < POSTED_KEPT_MS));
    const targets = outcome.targets ? { targets: outcome.targets } : {};
    await deps.posted.setValue({ ...recent, [posted.idempotencyKey]: { url: outcome.url, scheduledAt: outcome.scheduledAt, at, ...targets } });
    await closeUndoWindows();
    const undoMs = ((await deps.preferences?.())?.undoSeconds ?? DEFAULT_UNDO_SECONDS) * 1000;
    if (statusId !== null && posted.accountId !== null && undoMs > 0) {
      const entry = { statusId, accountId: posted.accountId, draft: posted, until: at + undoMs };
      await deps.undo.setValue({ ...(await deps.undo.getValue()), [draftId]: entry });
    } else {
      // No Undo for this post (a thread, a scheduled post, Undo off): an earlier post's
      // window on this surface would show beside this result as if it were this one's.
      const { [draftId]: earlier, ...others } = await deps.undo.getValue();
      if (earlier) await deps.undo.setValue(others);
      await Promise.all([...(earlier?.draft.media ?? []), ...posted.media].map((m) => deps.files.delete(m.localId)));
    }
    await rememberLanguage(posted);
    if (statusId !== null && posted.accountId !== null) {
      const post = { statusId, url: outcome.url, text: posted.text, spoilerText: effectiveSpoiler(posted), postedAt: at, editedAt: null };
      await deps.recentPosts?.posted(posted.accountId, post);
    }
    // The accounts just posted to stay chosen, as the account does.
    await put(draftId, { ...(await newDraft(posted.accountId)), crosspostTo: posted.crosspostTo });
    return outcome;
  }
}
export type ComposerService = ReturnType<typeof createComposerService>;

