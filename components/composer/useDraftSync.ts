import { useEffect, useRef, useState } from 'preact/hooks';
import type { Draft, DraftPatch } from '@/lib/composer/draft';
import type { ComposerState, DraftId } from '@/lib/messages';
import type { ComposerBackend } from './backend';

/** Typing is saved this long after the last keystroke (and at once on blur, post or close). */
export const SAVE_DELAY_MS = 300;

/** Edit-tracking key of one attachment's alt text, next to the DraftPatch keys. */
const describeKey = (localId: string) => `media:${localId}`;

/**
 * Keeps the draft shown here and the one stored in the background in step.
 *
 * Edits show at once and are sent in order (one request at a time, so a slow answer
 * never lands after a newer one). Until the background has confirmed an edit, that
 * field keeps the value typed here whatever the background sends (its answers and its
 * `draftChanged` broadcasts of upload progress), so typing is never clobbered.
 */
export function useDraftSync(backend: ComposerBackend, draftId: DraftId) {
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  /** A request to the background failed: what was typed here may not be stored yet. */
  const [saveFailed, setSaveFailed] = useState(false);
  const current = useRef<ComposerState | null>(null);
  const pending = useRef<DraftPatch>({});
  const pendingDescriptions = useRef(new Map<string, string>());
  /** Edit number of each field changed here and not yet confirmed by the background. */
  const unconfirmed = useRef(new Map<string, number>());
  const editCount = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  /** Requests queued or under way. */
  const queued = useRef(0);

  function show(next: ComposerState) {
    current.current = next;
    setComposer(next);
  }

  function withLocalEdits(stored: Draft): Draft {
    const local = current.current?.draft;
    if (!local) return stored;
    const kept: Record<string, unknown> = {};
    for (const key of unconfirmed.current.keys()) if (key in local) kept[key] = local[key as keyof Draft];
    return {
      ...stored,
      ...kept,
      media: stored.media.map((m) => {
        const typed = unconfirmed.current.has(describeKey(m.localId)) && local.media.find((l) => l.localId === m.localId);
        return typed ? { ...m, description: typed.description } : m;
      }),
    };
  }

  /** A draft from the background, merged under the edits it has not confirmed yet. */
  function adopt(stored: Draft) {
    if (current.current) show({ ...current.current, draft: withLocalEdits(stored) });
  }

  function adoptState(state: ComposerState) {
    show({ ...state, draft: withLocalEdits(state.draft) });
  }

  /**
   * Runs requests one after the other. With none under way the request goes out at once,
   * not a microtask later: a popup being closed (pagehide) may not get that microtask.
   */
  function queue<T>(task: () => Promise<T>): Promise<T> {
    const idle = queued.current === 0;
    queued.current += 1;
    const run = idle ? new Promise<T>((resolve) => resolve(task())) : chain.current.then(task);
    chain.current = run.catch(() => undefined).finally(() => (queued.current -= 1));
    return run;
  }

  function markEdited(key: string) {
    editCount.current += 1;
    unconfirmed.current.set(key, editCount.current);
  }

  function schedule(debounced: boolean) {
    clearTimeout(timer.current);
    if (debounced) timer.current = setTimeout(() => void flush().catch(() => undefined), SAVE_DELAY_MS);
    else void flush().catch(() => undefined);
  }

  /** Sends every edit not sent yet; rejects when the background could not store them. */
  function flush(): Promise<void> {
    clearTimeout(timer.current);
    const patch = pending.current;
    const descriptions = [...pendingDescriptions.current];
    pending.current = {};
    pendingDescriptions.current.clear();
    const patchKeys = Object.keys(patch);
    if (patchKeys.length === 0 && descriptions.length === 0) return Promise.resolve();
    const sent = new Map(unconfirmed.current);
    const confirm = (stored: Draft, keys: string[]) => {
      for (const key of keys) if (unconfirmed.current.get(key) === sent.get(key)) unconfirmed.current.delete(key);
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
        setSaveFailed(false);
      } catch (error) {
        // Queued again for the next save, unless edited meanwhile (the newer value is queued).
        if (!patchSaved) pending.current = { ...patch, ...pending.current };
        for (const [localId, description] of descriptions) {
          if (!savedDescriptions.has(localId) && !pendingDescriptions.current.has(localId)) {
            pendingDescriptions.current.set(localId, description);
          }
        }
        setSaveFailed(true);
        throw error;
      }
    });
  }

  useEffect(() => {
    let open = true;
    const stop = backend.onDraftChanged((data) => {
      if (data.draftId === draftId) adopt(data.draft);
    });
    backend.getComposer({ draftId }).then(
      (state) => open && show(state),
      () => open && setLoadFailed(true),
    );
    // A popup can close at any moment: whatever is still waiting for its delay goes now.
    const save = () => void flush().catch(() => undefined);
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') save();
    };
    addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      open = false;
      stop();
      removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      save();
    };
  }, [backend, draftId]);

  /** Runs a request that answers with the stored draft; a failure is shown, not thrown. */
  function request(task: () => Promise<Draft>): Promise<void> {
    return queue(task).then(
      (stored) => {
        setSaveFailed(false);
        adopt(stored);
      },
      () => setSaveFailed(true),
    );
  }

  return {
    composer,
    loadFailed,
    saveFailed,
    /** The latest draft, also between renders (for checks made in a row, e.g. several files). */
    draft: () => current.current?.draft ?? null,
    flush,

    /** Shows the change at once and saves it: now, or after a pause when `debounced` (typing). */
    edit(patch: DraftPatch, debounced = false) {
      const state = current.current;
      if (!state) return;
      show({ ...state, draft: { ...state.draft, ...patch } });
      for (const key of Object.keys(patch)) markEdited(key);
      Object.assign(pending.current, patch);
      schedule(debounced);
    },

    describe(localId: string, description: string) {
      const state = current.current;
      if (!state) return;
      const media = state.draft.media.map((m) => (m.localId === localId ? { ...m, description } : m));
      show({ ...state, draft: { ...state.draft, media } });
      markEdited(describeKey(localId));
      pendingDescriptions.current.set(localId, description);
      schedule(true);
    },

    remove(localId: string) {
      const state = current.current;
      if (!state) return Promise.resolve();
      // Its alt text has nowhere to go any more.
      pendingDescriptions.current.delete(localId);
      unconfirmed.current.delete(describeKey(localId));
      show({ ...state, draft: { ...state.draft, media: state.draft.media.filter((m) => m.localId !== localId) } });
      return request(() => backend.removeMedia({ draftId, localId }));
    },

    retry: (localId: string) => request(() => backend.retryMedia({ draftId, localId })),

    cancel: (localId: string) => request(() => backend.cancelUpload({ draftId, localId })),

    /** The stored draft again (the background restarted), under the edits not confirmed yet. */
    refresh: () =>
      queue(() => backend.getComposer({ draftId })).then(
        (state) => adoptState(state),
        () => undefined,
      ),

    /** Sends the file; answers the background's objection, if any, and the new attachment's id. */
    async addMedia(media: Parameters<ComposerBackend['addMedia']>[0]['media']) {
      // What was there just before this request: a broadcast may bring the new item first.
      let known = new Set<string>();
      const result = await queue(() => {
        known = new Set(current.current?.draft.media.map((m) => m.localId));
        return backend.addMedia({ draftId, media });
      });
      adopt(result.draft);
      const added = result.problem ? undefined : result.draft.media.findLast((m) => !known.has(m.localId));
      return { problem: result.problem, localId: added?.localId ?? null };
    },

    async selectAccount(accountId: string) {
      try {
        await flush();
        adoptState(await queue(() => backend.selectAccount({ draftId, accountId })));
        setSaveFailed(false);
      } catch {
        setSaveFailed(true);
      }
    },

    /** Posts the stored draft: flush first, so that it holds every edit (requests run in order). */
    post: () =>
      queue(async () => {
        const idempotencyKey = current.current?.draft.idempotencyKey;
        try {
          return await backend.post({ draftId, idempotencyKey });
        } catch {
          // No answer: the background may have been stopped mid-post (Chrome stops service
          // workers; the next message starts it again). Asking again is safe: with the key
          // it answers with the outcome of a post that went out, or checks before posting.
          return backend.post({ draftId, idempotencyKey });
        }
      }),

    /** After a post: the background holds a fresh draft; nothing typed here belongs to it. */
    async reload() {
      clearTimeout(timer.current);
      pending.current = {};
      pendingDescriptions.current.clear();
      unconfirmed.current.clear();
      try {
        show(await backend.getComposer({ draftId }));
      } catch {
        // The posted draft must not stay on screen as if it could be posted again.
        current.current = null;
        setComposer(null);
        setLoadFailed(true);
      }
    },
  };
}
