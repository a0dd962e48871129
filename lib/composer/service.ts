import { toAccountView, type AccountStore, type StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { DEFAULT_LIMITS, QUOTES_API_VERSION } from '../mastodon/instance';
import { updateMedia } from '../mastodon/media';
import { postStatus } from '../mastodon/statuses';
import type { ComposerState, DraftId, NewMedia, PostOutcome, UnfinishedShare } from '../messages';
import type { Settings } from '../settings';
import { checkQuote } from '../share/quote';
import { createUpdater, type StoredValue } from '../stored-value';
import { blobFromDataUrl, type BlobStore } from './blob-store';
import { emptyDraft, type Draft, type DraftMedia, type DraftPatch, type DraftShare } from './draft';
import type { InstanceCache, InstanceLimits } from './instance-limits';
import { findUnconfirmedPost, outcomeUnknown, postErrorFrom, toNewStatus } from './post';
import { checkDraft, checkNewMedia, type ComposerProblem } from './rules';
import { uploadAndProcess, type UploadTiming } from './upload';

export type DraftMap = Partial<Record<DraftId, Draft>>;

export type ComposerPreferences = Pick<Settings, 'defaultVisibility' | 'defaultLanguage' | 'counterStyle'>;

/** An attachment about to be uploaded. */
function pendingMedia(localId: string, file: Pick<DraftMedia, 'fileName' | 'mimeType' | 'size' | 'description'>): DraftMedia {
  return {
    localId,
    ...file,
    state: 'uploading',
    serverId: null,
    uploadedFor: null,
    previewUrl: null,
    descriptionSynced: true,
    error: null,
  };
}

export interface ComposerDeps {
  drafts: StoredValue<DraftMap>;
  accounts: AccountStore;
  instances: InstanceCache;
  files: BlobStore;
  fetch: typeof globalThis.fetch;
  /** Random ids: Idempotency-Keys and local media ids. */
  newId(): string;
  now?(): number;
  uiLanguage(): string;
  /** The options page's choices: what a new draft starts from, how the counter reads. */
  preferences?(): Promise<ComposerPreferences>;
  /** Tells open surfaces that a draft changed on its own (upload progress). */
  broadcast(draftId: DraftId, draft: Draft): void;
  uploadTiming?: UploadTiming;
  timeoutMs?: number;
}

/**
 * The background's composer: drafts live here (storage.local), so they survive the popup
 * closing, a failed post and a re-login; uploads run here, in parallel, and go on with
 * the popup closed; posting sends one Idempotency-Key per draft.
 */
export function createComposerService(deps: ComposerDeps) {
  const now = deps.now ?? Date.now;
  const update = createUpdater(deps.drafts);

  const ctxFor = (account: StoredAccount): ClientContext => ({ origin: account.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs });

  async function newDraft(accountId: string | null): Promise<Draft> {
    const draft = emptyDraft(deps.newId(), accountId, now());
    const preferences = await deps.preferences?.();
    return preferences ? { ...draft, visibility: preferences.defaultVisibility, language: preferences.defaultLanguage } : draft;
  }

  /** The draft with a usable account: its own if still connected, else the default. */
  async function current(draftId: DraftId): Promise<{ draft: Draft; account: StoredAccount | null }> {
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

  const put = (draftId: DraftId, draft: Draft) => update((drafts) => ({ ...drafts, [draftId]: draft }));

  async function state(draftId: DraftId, refreshLimits = false): Promise<ComposerState> {
    const { draft, account } = await current(draftId);
    const { limits, defaults, mastodonApiVersion } = await limitsOf(account, refreshLimits);
    return {
      quotes: mastodonApiVersion >= QUOTES_API_VERSION,
      draftId,
      draft,
      account: account ? toAccountView(account) : null,
      limits,
      limitsAreDefaults: defaults,
      uiLanguage: deps.uiLanguage(),
      counterStyle: (await deps.preferences?.())?.counterStyle ?? 'remaining',
    };
  }

  /** Without an account there is no instance to ask: Mastodon's defaults. */
  const limitsOf = (account: StoredAccount | null, refresh = false): Promise<InstanceLimits> =>
    account
      ? deps.instances.limitsFor(account.origin, { refresh })
      : Promise.resolve({ limits: DEFAULT_LIMITS, defaults: true, mastodonApiVersion: 0 });

  const patchMedia = (draftId: DraftId, localId: string, patch: Partial<DraftMedia>) =>
    save(draftId, (draft) => ({
      ...draft,
      media: draft.media.map((m) => (m.localId === localId ? { ...m, ...patch } : m)),
    }));

  /** Uploads one attachment for the draft's account, reporting each step. */
  async function upload(draftId: DraftId, localId: string): Promise<void> {
    const { draft, account } = await current(draftId);
    const media = draft.media.find((m) => m.localId === localId);
    if (!media || !account) return;
    const report = async (patch: Partial<DraftMedia>) => {
      const updated = await patchMedia(draftId, localId, patch);
      deps.broadcast(draftId, updated);
    };
    const blob = await deps.files.get(localId);
    if (!blob) return report({ state: 'failed', error: 'file-missing' });
    try {
      const attachment = await uploadAndProcess(
        ctxFor(account),
        account.token,
        { blob, fileName: media.fileName, description: media.description },
        () => void report({ state: 'processing' }),
        deps.uploadTiming,
      );
      // The alt text may have changed while the file was on its way.
      const latest = (await deps.drafts.getValue())[draftId]?.media.find((m) => m.localId === localId);
      await report({
        state: 'ready',
        serverId: attachment.id,
        uploadedFor: account.id,
        previewUrl: attachment.preview_url ?? attachment.url,
        descriptionSynced: latest?.description === media.description,
        error: null,
      });
    } catch (error) {
      const reason = postErrorFrom(error, account.id);
      await report({ state: 'failed', error: 'detail' in reason && reason.detail ? reason.detail : reason.code });
    }
  }

  const startUpload = (draftId: DraftId, localId: string) => {
    void upload(draftId, localId);
  };

  return {
    getComposer: (draftId: DraftId) => state(draftId),

    async updateDraft(draftId: DraftId, patch: DraftPatch): Promise<Draft> {
      await current(draftId);
      return save(draftId, (draft) => ({ ...draft, ...patch }));
    },

    async selectAccount(draftId: DraftId, accountId: string): Promise<ComposerState> {
      const { accounts } = await deps.accounts.read();
      if (!accounts.some((a) => a.id === accountId)) return state(draftId);
      await current(draftId);
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

    resolveQuote: (draftId: DraftId) => resolveQuote(draftId),

    async addMedia(draftId: DraftId, file: NewMedia): Promise<{ draft: Draft; problem: ComposerProblem | null }> {
      const { draft, account } = await current(draftId);
      const { limits } = await limitsOf(account);
      const problem = checkNewMedia({ name: file.fileName, type: file.mimeType, size: file.size }, draft, limits);
      if (problem) return { draft, problem };
      const localId = deps.newId();
      await deps.files.put(localId, blobFromDataUrl(file.dataUrl));
      const media = pendingMedia(localId, { fileName: file.fileName, mimeType: file.mimeType, size: file.size, description: '' });
      const updated = await save(draftId, (d) => ({ ...d, media: [...d.media, media] }));
      startUpload(draftId, localId);
      return { draft: updated, problem: null };
    },

    async describeMedia(draftId: DraftId, localId: string, description: string): Promise<Draft> {
      await current(draftId);
      // Once uploaded, the server's copy must be updated (PUT) before posting.
      return save(draftId, (draft) => ({
        ...draft,
        media: draft.media.map((m) => (m.localId === localId ? { ...m, description, descriptionSynced: m.serverId === null } : m)),
      }));
    },

    async removeMedia(draftId: DraftId, localId: string): Promise<Draft> {
      await current(draftId);
      await deps.files.delete(localId);
      return save(draftId, (draft) => ({ ...draft, media: draft.media.filter((m) => m.localId !== localId) }));
    },

    async retryMedia(draftId: DraftId, localId: string): Promise<Draft> {
      await current(draftId);
      const draft = await patchMedia(draftId, localId, { state: 'uploading', error: null });
      startUpload(draftId, localId);
      return draft;
    },

    /** Share drafts with something in them, newest first (the windows may be closed). */
    async unfinishedShares(): Promise<UnfinishedShare[]> {
      const drafts = Object.entries(await deps.drafts.getValue()) as Array<[DraftId, Draft | undefined]>;
      return drafts
        .flatMap(([draftId, d]) =>
          draftId.startsWith('share-') && d && (d.text.trim() !== '' || d.media.length > 0)
            ? [{ draftId, preview: d.text.trim().slice(0, 80), mediaCount: d.media.length, updatedAt: d.updatedAt }]
            : [],
        )
        .sort((a, b) => b.updatedAt - a.updatedAt);
    },

    /**
     * Share windows leave a fresh, empty draft behind once posted or closed unused: drop
     * those (never one with anything typed or attached).
     */
    async pruneEmptyShareDrafts(): Promise<void> {
      await update((drafts) =>
        Object.fromEntries(
          Object.entries(drafts).filter(([id, d]) => !id.startsWith('share-') || !d || d.text.trim() !== '' || d.media.length > 0),
        ),
      );
    },

    /** A draft for a share window: the shared text, and an image to upload at once. */
    async seed(
      draftId: DraftId,
      seed: { text: string; accountId?: string; image?: { blob: Blob; fileName: string; description: string }; share?: DraftShare },
    ): Promise<Draft> {
      // An account that is gone (or none) becomes the default when `current` reads it.
      const draft = { ...(await newDraft(seed.accountId ?? null)), text: seed.text, share: seed.share ?? null };
      const image = seed.image;
      let localId: string | null = null;
      if (image) {
        localId = deps.newId();
        await deps.files.put(localId, image.blob);
        draft.media = [pendingMedia(localId, { fileName: image.fileName, mimeType: image.blob.type, size: image.blob.size, description: image.description })];
      }
      await put(draftId, draft);
      if (localId) startUpload(draftId, localId);
      return (await current(draftId)).draft;
    },

    async post(draftId: DraftId): Promise<PostOutcome> {
      const { draft, account } = await current(draftId);
      if (!account) return { ok: false, error: { code: 'no-account' } };
      const { limits } = await limitsOf(account);
      const problems = checkDraft(draft, limits, now());
      if (problems.length > 0) return { ok: false, error: { code: 'invalid-draft', problems } };
      const ctx = ctxFor(account);
      const attemptAt = now();
      try {
        const earlier = await findUnconfirmedPost(ctx, account, draft);
        if (earlier) return await finish(draftId, draft, { ok: true, url: earlier.url, scheduledAt: null });
        for (const m of draft.media) {
          if (m.serverId && !m.descriptionSynced) await updateMedia(ctx, account.token, m.serverId, m.description);
        }
        const { mastodonApiVersion } = await limitsOf(account);
        const quotes = mastodonApiVersion >= QUOTES_API_VERSION;
        const result = await postStatus(ctx, account.token, toNewStatus(draft, account, deps.uiLanguage(), quotes), draft.idempotencyKey);
        return await finish(
          draftId,
          draft,
          result.kind === 'status'
            ? { ok: true, url: result.status.url, scheduledAt: null }
            : { ok: true, url: null, scheduledAt: result.scheduled.scheduled_at },
        );
      } catch (error) {
        if (outcomeUnknown(error)) {
          await save(draftId, (d) => ({ ...d, unconfirmedSince: d.unconfirmedSince ?? attemptAt }));
        }
        return { ok: false, error: postErrorFrom(error, account.id) };
      }
    },
  };

  /**
   * Asks the draft's instance whether the shared page is a post it can quote, and stores
   * the answer (the compose window hears it as a draftChanged). Failures end as "share
   * it as a link": quoting never blocks posting.
   */
  async function resolveQuote(draftId: DraftId): Promise<void> {
    const { draft, account } = await current(draftId);
    if (!draft.share) return;
    const share = draft.share;
    const setQuote = async (quote: Partial<DraftShare['quote']>) => {
      const updated = await save(draftId, (d) => (d.share ? { ...d, share: { ...d.share, quote: { ...d.share.quote, ...quote } } } : d));
      deps.broadcast(draftId, updated);
    };
    if (!account) return setQuote({ accountId: null, check: 'none', post: null, on: false });
    await setQuote({ accountId: account.id, check: 'checking', post: null, on: false });
    const { mastodonApiVersion } = await limitsOf(account);
    const result = await checkQuote({
      ctx: ctxFor(account),
      token: account.token,
      scopes: account.scopes,
      apiVersion: mastodonApiVersion,
      url: share.url,
      activityPub: share.activityPub,
    });
    // The person may have switched account meanwhile: only the latest account's answer counts.
    const latest = (await deps.drafts.getValue())[draftId];
    if (latest?.share?.quote.accountId !== account.id) return;
    await setQuote(result);
  }

  /** Posted: the draft and its files go; a fresh draft (new key) for the same account. */
  async function finish(draftId: DraftId, posted: Draft, outcome: PostOutcome): Promise<PostOutcome> {
    await Promise.all(posted.media.map((m) => deps.files.delete(m.localId)));
    await put(draftId, await newDraft(posted.accountId));
    return outcome;
  }
}
export type ComposerService = ReturnType<typeof createComposerService>;
