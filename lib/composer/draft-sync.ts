import type { ComposerState, DraftId, NewMedia, Requests } from '../messages';
import type { Draft, DraftPatch } from './draft';

/** Typing is saved this long after the last keystroke (and at once on blur, post or close). */
export const SAVE_DELAY_MS = 300;

/** The background requests a composer surface makes about its draft. */
export type DraftSyncBackend = Requests<
  | 'getComposer'
  | 'updateDraft'
  | 'describeMedia'
  | 'removeMedia'
  | 'retryMedia'
  | 'cancelUpload'
  | 'addMedia'
  | 'selectAccount'
  | 'crosspostTo'
  | 'post'
  | 'undoPost'
>;

/** What a surface shows; handed to `onChange` whenever it changes. */
export interface DraftSyncState {
  composer: ComposerState | null;
  /** The composer could not be loaded (at first, or after a post). */
  loadFailed: boolean;
  /** A request to the background failed: what was typed here may not be stored yet. */
  saveFailed: boolean;
}

export type DraftSync = ReturnType<typeof createDraftSync>;

/** Edit-tracking key of one attachment's alt text, next to the DraftPatch keys. */
const describeKey = (localId: string) => `media:${localId}`;

/**
 * Keeps the draft shown on one surface and the one stored in the background in step.
 *
 * Edits show at once and are sent in order (one request at a time, so a slow answer
 * never lands after a newer one). Until the background has confirmed an edit, that
 * field keeps the value typed here whatever the background sends (its answers and its
 * `draftChanged` broadcasts of upload progress), so typing is never clobbered.
 */
export function createDraftSync(
  backend: DraftSyncBackend,
  draftId: DraftId,
  onChange: (state: DraftSyncState) => void,
  /**
   * The composer as this surface last showed it (kept in storage.local): shown at once and
   * usable, so that the text box never waits for a worker that may have to start first.
   * The background's answer replaces it, under whatever was typed meanwhile.
   */
  lastKnown: ComposerState | null = null,
) {
  let state: DraftSyncState = { composer: lastKnown, loadFailed: false, saveFailed: false };
  /** The background has answered `load()`: until then, what is shown may be the last known composer. */
  let loaded = false;
  /** Edits made here and not sent yet. */
  let pending: DraftPatch = {};
  const pendingDescriptions = new Map<string, string>();
  /** Edit number of each field changed here and not yet confirmed by the background. */
  const unconfirmed = new Map<string, number>();
  let editCount = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  /** Requests queued or under way. */
  let queued = 0;
  let disposed = false;
  /**
   * The newest broadcast heard before the composer loaded: the background may change the
   * draft (a share's quote check) after reading it for getComposer but before answering.
   */
  let early: Draft | null = null;

  function set(change: Partial<DraftSyncState>) {
    state = { ...state, ...change };
    if (!disposed) onChange(state);
  }

  const show = (composer: ComposerState) => set({ composer });

  function withLocalEdits(stored: Draft): Draft {
    const local = state.composer?.draft;
    if (!local) return stored;
    const kept: Record<string, unknown> = {};
    for (const key of unconfirmed.keys()) if (key in local) kept[key] = local[key as keyof Draft];
    return {
      ...stored,
      ...kept,
      media: stored.media.map((m) => {
        const typed = unconfirmed.has(describeKey(m.localId)) && local.media.find((l) => l.localId === m.localId);
        return typed ? { ...m, description: typed.description } : m;
      }),
    };
  }

  /** A draft from the background, merged under the edits it has not confirmed yet. */
  function adopt(stored: Draft) {
    if (state.composer) show({ ...state.composer, draft: withLocalEdits(stored) });
  }

  /**
   * Runs requests one after the other. With none under way the request goes out at once,
   * not a microtask later: a popup being closed (pagehide) may not get that microtask.
   */
  function queue<T>(task: () => Promise<T>): Promise<T> {
    const idle = queued === 0;
    queued += 1;
    const run = idle ? new Promise<T>((resolve) => resolve(task())) : chain.then(task);
    chain = run.catch(() => undefined).finally(() => (queued -= 1));
    return run;
  }

  function markEdited(key: string) {
    editCount += 1;
    unconfirmed.set(key, editCount);
  }

  const save = () => void flush().catch(() => undefined);

  function schedule(debounced: boolean) {
    clearTimeout(timer);
    if (debounced) timer = setTimeout(save, SAVE_DELAY_MS);
    else save();
  }

  /** Sends every edit not sent yet; rejects when the background could not store them. */
  function flush(): Promise<void> {
    clearTimeout(timer);
    const patch = pending;
    const descriptions = [...pendingDescriptions];
    pending = {};
    pendingDescriptions.clear();
    const patchKeys = Object.keys(patch);
    if (patchKeys.length === 0 && descriptions.length === 0) return Promise.resolve();
    const sent = new Map(unconfirmed);
    const confirm = (stored: Draft, keys: string[]) => {
      for (const key of keys) if (unconfirmed.get(key) === sent.get(key)) unconfirmed.delete(key);
      adopt(stored);
    };
    return queue(async () => {
      let patchSaved = patchKeys.length === 0;
      const savedDescriptions = new Set<string>();
      try {
        if (!patchSaved) {
          confirm(await backend.updateDraft({ draftId, patch }), patchKeys);
          patchSaved = true;
        }
        for (const [localId, description] of descriptions) {
          confirm(await backend.describeMedia({ draftId, localId, description }), [describeKey(localId)]);
          savedDescriptions.add(localId);
        }
        set({ saveFailed: false });
      } catch (error) {
        // Queued again for the next save, unless edited meanwhile (the newer value is queued).
        if (!patchSaved) pending = { ...patch, ...pending };
        for (const [localId, description] of descriptions) {
          if (!savedDescriptions.has(localId) && !pendingDescriptions.has(localId)) {
            pendingDescriptions.set(localId, description);
          }
        }
        set({ saveFailed: true });
        throw error;
      }
    });
  }

  /** Runs a request that answers with the stored draft; a failure is shown, not thrown. */
  /** Another account, or other accounts: what was typed goes first, then the new limits come back. */
  async function chooseAccounts(choose: () => Promise<ComposerState>): Promise<void> {
    try {
      await flush();
      const next = await queue(choose);
      show({ ...next, draft: withLocalEdits(next.draft) });
      set({ saveFailed: false });
    } catch {
      set({ saveFailed: true });
    }
  }

  function request(task: () => Promise<Draft>): Promise<void> {
    return queue(task).then(
      (stored) => {
        set({ saveFailed: false });
        adopt(stored);
      },
      () => set({ saveFailed: true }),
    );
  }

  return {
    state: () => state,
    /** The latest draft, also between renders (for checks made in a row, e.g. several files). */
    draft: () => state.composer?.draft ?? null,
    flush,
    /** Sends what waits for its delay, without waiting for the answer (a closing page). */
    save,

    /** Asks the background for the composer. */
    async load() {
      try {
        const composer = await backend.getComposer({ draftId });
        // Only a newer state of the same draft: a posted draft's last broadcast must not
        // replace the fresh draft that followed it.
        const newer = early && early.idempotencyKey === composer.draft.idempotencyKey && early.updatedAt > composer.draft.updatedAt;
        loaded = true;
        // Typed into the last known composer while the background was asked: the typing stays.
        show({ ...composer, draft: withLocalEdits(newer ? early! : composer.draft) });
        early = null;
      } catch {
        // A last known composer can't be acted on without the background.
        set({ composer: null, loadFailed: true });
      }
    },

    /** A `draftChanged` broadcast: any surface's change, or upload progress. */
    receive(data: { draftId: DraftId; draft: Draft }) {
      if (data.draftId !== draftId) return;
      if (state.composer) adopt(data.draft);
      if (!loaded && (!early || data.draft.updatedAt >= early.updatedAt)) early = data.draft;
    },

    /** Shows the change at once and saves it: now, or after a pause when `debounced` (typing). */
    edit(patch: DraftPatch, debounced = false) {
      const composer = state.composer;
      if (!composer) return;
      show({ ...composer, draft: { ...composer.draft, ...patch } });
      for (const key of Object.keys(patch)) markEdited(key);
      Object.assign(pending, patch);
      schedule(debounced);
    },

    describe(localId: string, description: string) {
      const composer = state.composer;
      if (!composer) return;
      const media = composer.draft.media.map((m) => (m.localId === localId ? { ...m, description } : m));
      show({ ...composer, draft: { ...composer.draft, media } });
      markEdited(describeKey(localId));
      pendingDescriptions.set(localId, description);
      schedule(true);
    },

    remove(localId: string): Promise<void> {
      const composer = state.composer;
      if (!composer) return Promise.resolve();
      // Its alt text has nowhere to go any more.
      pendingDescriptions.delete(localId);
      unconfirmed.delete(describeKey(localId));
      show({ ...composer, draft: { ...composer.draft, media: composer.draft.media.filter((m) => m.localId !== localId) } });
      return request(() => backend.removeMedia({ draftId, localId }));
    },

    retry: (localId: string) => request(() => backend.retryMedia({ draftId, localId })),

    cancel: (localId: string) => request(() => backend.cancelUpload({ draftId, localId })),

    /** The stored draft again (the background restarted), under the edits not confirmed yet. */
    refresh: () =>
      queue(() => backend.getComposer({ draftId })).then(
        (next) => show({ ...next, draft: withLocalEdits(next.draft) }),
        () => undefined,
      ),

    /** Sends the file; answers the background's objection, if any, and the new attachment's id. */
    async addMedia(media: NewMedia) {
      // What was there just before this request: a broadcast may bring the new item first.
      let known = new Set<string>();
      const result = await queue(() => {
        known = new Set(state.composer?.draft.media.map((m) => m.localId));
        return backend.addMedia({ draftId, media });
      });
      adopt(result.draft);
      const added = result.problem ? undefined : result.draft.media.findLast((m) => !known.has(m.localId));
      return { problem: result.problem, localId: added?.localId ?? null };
    },

    selectAccount: (accountId: string) => chooseAccounts(() => backend.selectAccount({ draftId, accountId })),

    /** Cross-posting: the other accounts the draft also goes out as. */
    crosspostTo: (accountIds: string[]) => chooseAccounts(() => backend.crosspostTo({ draftId, accountIds })),

    /**
     * Posts the stored draft: flush first, so that it holds every edit (requests run in order).
     * `accountId`: cross-posting, only that account (its "Try again").
     */
    post: (accountId?: string) =>
      queue(async () => {
        const idempotencyKey = state.composer?.draft.idempotencyKey;
        try {
          return await backend.post({ draftId, idempotencyKey, accountId });
        } catch {
          // No answer: the background may have been stopped mid-post (Chrome stops service
          // workers; the next message starts it again). Asking again is safe: with the key
          // it answers with the outcome of a post that went out, or checks before posting.
          return backend.post({ draftId, idempotencyKey, accountId });
        }
      }),

    /**
     * Takes the last post back: whatever was typed into the fresh draft meanwhile is saved
     * first (the background then refuses to overwrite it); the posted draft comes back.
     */
    undo: () =>
      queue(async () => {
        const outcome = await backend.undoPost({ draftId });
        if (outcome.ok) show(outcome.state);
        return outcome;
      }),

    /** After a post: the background holds a fresh draft; nothing typed here belongs to it. */
    async reload() {
      clearTimeout(timer);
      pending = {};
      pendingDescriptions.clear();
      unconfirmed.clear();
      try {
        show(await backend.getComposer({ draftId }));
      } catch {
        // The posted draft must not stay on screen as if it could be posted again.
        set({ composer: null, loadFailed: true });
      }
    },

    /** The surface is going: what waits is sent now, and nothing is shown any more. */
    dispose() {
      save();
      disposed = true;
    },
  };
}
