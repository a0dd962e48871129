import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft, type Draft, type DraftMedia } from '@/lib/composer/draft';
import { createDraftSync, SAVE_DELAY_MS, type DraftSyncBackend, type DraftSyncState } from '@/lib/composer/draft-sync';
import type { AccountView, ComposerState } from '@/lib/messages';
import { composerShowing as composerShowingFor } from '../helpers/composer-state';
import { deferred } from '../helpers/deferred';

const alice: AccountView = {
  id: 'alice@example.social',
  username: 'alice',
  displayName: 'Alice',
  avatar: '',
  origin: 'https://example.social',
  scopes: [],
  defaults: { visibility: 'public', language: null, sensitive: false },
};

const photo = (localId: string, patch: Partial<DraftMedia> = {}): DraftMedia => ({
  localId,
  fileName: `${localId}.png`,
  mimeType: 'image/png',
  size: 1000,
  description: '',
  state: 'uploading',
  serverId: null,
  uploadedFor: null,
  previewUrl: null,
  descriptionSynced: true,
  error: null,
  ...patch,
});

/** alice's popup composer showing `draft`, as the background answers it. */
const composerShowing = (draft: Draft): ComposerState => composerShowingFor(alice, draft);

/**
 * A background that stores the draft as the composer service does. Each request is
 * logged when it arrives; while `hold` is on, it is answered only on `release()`, one at
 * a time, and applied then. While `failing` is on, requests reject.
 */
function fakeBackground(initial: Partial<Draft> = {}) {
  const bg = {
    stored: { ...emptyDraft('key-1', alice.id, 0), ...initial } as Draft,
    calls: [] as Array<{ name: string; data: unknown }>,
    hold: false,
    failing: false,
    gates: [] as Array<() => void>,
    release() {
      bg.gates.shift()?.();
    },
  };
  const composerState = () => composerShowing(structuredClone(bg.stored));
  async function answer<T>(name: string, data: unknown, apply: () => T): Promise<T> {
    bg.calls.push({ name, data });
    if (bg.hold) {
      const gate = deferred<void>();
      bg.gates.push(() => gate.resolve());
      await gate.promise;
    }
    if (bg.failing) throw new Error('no answer');
    return apply();
  }
  const save = (change: (d: Draft) => Draft) => () => structuredClone((bg.stored = change(bg.stored)));
  const media = (localId: string, patch: Partial<DraftMedia>) => (d: Draft) => ({
    ...d,
    media: d.media.map((m) => (m.localId === localId ? { ...m, ...patch } : m)),
  });
  let nextMedia = 1;
  const backend: DraftSyncBackend = {
    getComposer: (data) => answer('getComposer', data, composerState),
    updateDraft: (data) => answer('updateDraft', data, save((d) => ({ ...d, ...data.patch }))),
    describeMedia: (data) => answer('describeMedia', data, save(media(data.localId, { description: data.description }))),
    removeMedia: (data) => answer('removeMedia', data, save((d) => ({ ...d, media: d.media.filter((m) => m.localId !== data.localId) }))),
    retryMedia: (data) => answer('retryMedia', data, save(media(data.localId, { state: 'uploading', error: null }))),
    cancelUpload: (data) => answer('cancelUpload', data, save(media(data.localId, { state: 'failed', error: 'cancelled' }))),
    addMedia: (data) =>
      answer('addMedia', data, () => ({ draft: save((d) => ({ ...d, media: [...d.media, photo(`new${nextMedia++}`)] }))(), problem: null })),
    selectAccount: (data) =>
      answer('selectAccount', data, () => {
        save((d) => ({ ...d, accountId: data.accountId }))();
        return composerState();
      }),
    crosspostTo: (data) =>
      answer('crosspostTo', data, () => {
        save((d) => ({ ...d, crosspostTo: data.accountIds }))();
        return composerState();
      }),
    post: (data) =>
      answer('post', data, () => {
        bg.stored = emptyDraft('key-2', bg.stored.accountId, 0);
        return { ok: true as const, url: 'https://example.social/@alice/1', scheduledAt: null };
      }),
    undoPost: (data) => answer('undoPost', data, () => ({ ok: false as const, error: { code: 'undo-expired' as const } })),
  };
  return Object.assign(bg, { backend });
}

/** Lets every answer that is ready arrive (no timers involved). */
const settle = () => vi.advanceTimersByTimeAsync(0);

async function started(initial: Partial<Draft> = {}) {
  const bg = fakeBackground(initial);
  const shown: DraftSyncState[] = [];
  const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state));
  await sync.load();
  bg.calls.length = 0;
  const last = () => shown.at(-1)!;
  return { bg, sync, shown, last, draft: () => last().composer!.draft };
}

const names = (bg: { calls: Array<{ name: string }> }) => bg.calls.map((c) => c.name);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('loading', () => {
  it('shows the stored draft', async () => {
    const { last } = await started({ text: 'kept from last time' });
    expect(last()).toMatchObject({ composer: { draft: { text: 'kept from last time' } }, loadFailed: false, saveFailed: false });
  });

  it('says so when the background does not answer', async () => {
    const bg = fakeBackground();
    bg.failing = true;
    const shown: DraftSyncState[] = [];
    await createDraftSync(bg.backend, 'popup', (state) => shown.push(state)).load();
    expect(shown.at(-1)).toEqual({ composer: null, loadFailed: true, saveFailed: false });
  });

  it('a change broadcast while the load was under way is not lost (a share window’s quote check)', async () => {
    const bg = fakeBackground({ text: 'shared', updatedAt: 1 });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state));
    const loading = sync.load();
    // The background read the draft for getComposer, then changed it and told everyone.
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: 'shared, checked', updatedAt: 2 } });
    bg.release();
    await loading;
    expect(shown.at(-1)?.composer?.draft.text).toBe('shared, checked');
  });

  it('a broadcast of a draft already posted, heard while loading, does not replace the fresh one', async () => {
    const bg = fakeBackground({ text: '', idempotencyKey: 'key-2', updatedAt: 5 });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state));
    const loading = sync.load();
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, idempotencyKey: 'key-1', text: 'posted', updatedAt: 6 } });
    bg.release();
    await loading;
    expect(shown.at(-1)?.composer?.draft.text).toBe('');
  });

  it('an older broadcast heard while loading does not replace the loaded draft', async () => {
    const bg = fakeBackground({ text: 'newest', updatedAt: 5 });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state));
    const loading = sync.load();
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: 'older', updatedAt: 4 } });
    bg.release();
    await loading;
    expect(shown.at(-1)?.composer?.draft.text).toBe('newest');
  });

  it('of two broadcasts heard while loading, the newer stands, whichever came last', async () => {
    for (const order of [
      [6, 7],
      [7, 6],
      [7, 7],
    ]) {
      const bg = fakeBackground({ text: 'stored', updatedAt: 5 });
      bg.hold = true;
      const shown: DraftSyncState[] = [];
      const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state));
      const loading = sync.load();
      for (const [i, updatedAt] of order.entries()) sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: `broadcast ${i + 1} at ${updatedAt}`, updatedAt } });
      bg.release();
      await loading;
      const newest = order[0]! > order[1]! ? 'broadcast 1 at 7' : `broadcast 2 at ${order[1]}`;
      expect(shown.at(-1)?.composer?.draft.text).toBe(newest);
    }
  });
});

describe('starting from the last known composer (the popup drew it from storage.local)', () => {
  /** The composer as the popup last showed it: the background may have moved on since. */
  const lastKnown = (bg: ReturnType<typeof fakeBackground>, draft: Partial<Draft>) => composerShowing({ ...bg.stored, ...draft });

  it('shows it before the background answers, and usable: what is typed shows at once', () => {
    const bg = fakeBackground({ text: 'stored' });
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'stored' }));
    expect(sync.state()).toMatchObject({ composer: { draft: { text: 'stored' } }, loadFailed: false });
    sync.edit({ text: 'stored!' }, true);
    expect(shown.at(-1)?.composer?.draft.text).toBe('stored!');
    expect(bg.calls).toEqual([]);
  });

  it("is replaced by the background's answer when the draft changed since", async () => {
    const bg = fakeBackground({ text: 'changed in the background', updatedAt: 2 });
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'as last shown', updatedAt: 1 }));
    await sync.load();
    expect(shown.at(-1)?.composer?.draft.text).toBe('changed in the background');
  });

  it('what was typed before the background answered stays, and is saved', async () => {
    const bg = fakeBackground({ text: 'Hello' });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'Hello' }));
    const loading = sync.load();
    sync.edit({ text: 'Hello, world' }, true);
    bg.release();
    await loading;
    expect(shown.at(-1)?.composer?.draft.text).toBe('Hello, world');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    bg.release();
    await settle();
    expect(bg.stored.text).toBe('Hello, world');
    expect(shown.at(-1)?.composer?.draft.text).toBe('Hello, world');
  });

  it('a file added before the background answered is asked for after that answer, and stays', async () => {
    const bg = fakeBackground({ text: 'look' });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'look' }));
    const loading = sync.load();
    const adding = sync.addMedia({ fileId: 'f1', fileName: 'cat.png', mimeType: 'image/png', size: 1000 });
    await settle();
    // The answer to getComposer is read before the file is stored: it must not come after it.
    expect(names(bg)).toEqual(['getComposer']);
    bg.release();
    await loading;
    await settle();
    expect(names(bg)).toEqual(['getComposer', 'addMedia']);
    bg.release();
    await adding;
    expect(shown.at(-1)?.composer?.draft.media.map((m) => m.localId)).toEqual(['new1']);
  });

  it('a change broadcast while the background was asked is not undone by its older answer', async () => {
    const bg = fakeBackground({ text: 'shared', updatedAt: 1 });
    bg.hold = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'shared', updatedAt: 1 }));
    const loading = sync.load();
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: 'shared, checked', updatedAt: 2 } });
    expect(shown.at(-1)?.composer?.draft.text).toBe('shared, checked');
    bg.release();
    await loading;
    expect(shown.at(-1)?.composer?.draft.text).toBe('shared, checked');
  });

  it('is taken away when the background does not answer: it could not be posted', async () => {
    const bg = fakeBackground({ text: 'stored' });
    bg.failing = true;
    const shown: DraftSyncState[] = [];
    const sync = createDraftSync(bg.backend, 'popup', (state) => shown.push(state), lastKnown(bg, { text: 'stored' }));
    await sync.load();
    expect(shown.at(-1)).toEqual({ composer: null, loadFailed: true, saveFailed: false });
  });
});

describe('saving typing', () => {
  it('shows an edit at once and saves typing once it pauses, as one request with the latest text', async () => {
    const { bg, sync, draft } = await started();
    sync.edit({ text: 'H' }, true);
    sync.edit({ text: 'Hi' }, true);
    expect(draft().text).toBe('Hi');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1);
    expect(bg.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(bg.calls).toEqual([{ name: 'updateDraft', data: { draftId: 'popup', patch: { text: 'Hi' } } }]);
    expect(bg.stored.text).toBe('Hi');
  });

  it('each keystroke restarts the pause', async () => {
    const { bg, sync } = await started();
    sync.edit({ text: 'a' }, true);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    sync.edit({ text: 'ab' }, true);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 50);
    expect(bg.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(bg.calls).toHaveLength(1);
  });

  it('saves a toggle at once, together with the typing still waiting', async () => {
    const { bg, sync } = await started();
    sync.edit({ text: 'typed' }, true);
    sync.edit({ spoilerEnabled: true });
    expect(bg.calls).toEqual([{ name: 'updateDraft', data: { draftId: 'popup', patch: { text: 'typed', spoilerEnabled: true } } }]);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(bg.calls).toHaveLength(1);
  });

  it('flush sends what waits at once, in the same tick (a closing popup gets no later one), and cancels the timer', async () => {
    const { bg, sync } = await started();
    sync.edit({ text: 'closing' }, true);
    void sync.flush();
    expect(names(bg)).toEqual(['updateDraft']);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 2);
    expect(names(bg)).toEqual(['updateDraft']);
    await expect(sync.flush()).resolves.toBeUndefined();
    expect(bg.calls).toHaveLength(1);
  });
});

describe('requests in order', () => {
  it('sends one request at a time: the next goes out once the previous has answered', async () => {
    const { bg, sync } = await started();
    bg.hold = true;
    sync.edit({ text: 'one' });
    sync.edit({ text: 'two' });
    sync.edit({ visibility: 'private' });
    await settle();
    expect(bg.calls.map((c) => c.data)).toEqual([{ draftId: 'popup', patch: { text: 'one' } }]);
    bg.release();
    await settle();
    expect(bg.calls.map((c) => c.data)).toEqual([
      { draftId: 'popup', patch: { text: 'one' } },
      { draftId: 'popup', patch: { text: 'two' } },
    ]);
    bg.release();
    await settle();
    bg.release();
    await settle();
    expect(bg.calls).toHaveLength(3);
    expect(bg.stored).toMatchObject({ text: 'two', visibility: 'private' });
  });

  it('an older answer never replaces what was typed after it', async () => {
    const { bg, sync, draft } = await started();
    bg.hold = true;
    sync.edit({ text: 'Hel' });
    sync.edit({ text: 'Hello' }, true);
    bg.release();
    await settle();
    // The background confirmed "Hel"; "Hello" is not saved yet and stays.
    expect(draft().text).toBe('Hello');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    bg.release();
    await settle();
    expect(bg.stored.text).toBe('Hello');
    expect(draft().text).toBe('Hello');
  });

  it('post waits for the edits sent before it', async () => {
    const { bg, sync } = await started();
    bg.hold = true;
    sync.edit({ text: 'last words' });
    const posted = sync.post();
    await settle();
    expect(names(bg)).toEqual(['updateDraft']);
    bg.release();
    await settle();
    bg.release();
    await expect(posted).resolves.toMatchObject({ ok: true });
    expect(names(bg)).toEqual(['updateDraft', 'post']);
  });

  it('post names the draft shown (its key) and, with no answer, asks once more with the same key', async () => {
    const { bg, sync } = await started();
    const post = bg.backend.post;
    let lost = 1;
    // The first answer never comes (the background was stopped); the second does.
    bg.backend.post = (data) => (lost-- > 0 ? (bg.calls.push({ name: 'post', data }), Promise.reject(new Error('message port closed'))) : post(data));
    await expect(sync.post()).resolves.toMatchObject({ ok: true });
    expect(bg.calls.filter((c) => c.name === 'post').map((c) => c.data)).toEqual([
      { draftId: 'popup', idempotencyKey: 'key-1' },
      { draftId: 'popup', idempotencyKey: 'key-1' },
    ]);
  });

  it('refresh shows the stored draft again under the edits not confirmed yet', async () => {
    const { bg, sync, draft } = await started({ media: [photo('m1', { state: 'uploading' })] });
    sync.edit({ text: 'typed meanwhile' }, true);
    bg.stored = { ...bg.stored, media: [photo('m1', { state: 'failed', error: 'interrupted' })] };
    await sync.refresh();
    expect(draft().media[0]).toMatchObject({ state: 'failed', error: 'interrupted' });
    expect(draft().text).toBe('typed meanwhile');
  });
});

describe("the background's broadcasts", () => {
  it('bring upload progress but never clobber what is being typed', async () => {
    const { bg, sync, draft } = await started({ media: [photo('m1')] });
    sync.edit({ text: 'still typing' }, true);
    sync.describe('m1', 'A cat');
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: '', media: [photo('m1', { state: 'ready', serverId: '7' })] } });
    expect(draft().text).toBe('still typing');
    expect(draft().media[0]).toMatchObject({ state: 'ready', serverId: '7', description: 'A cat' });
  });

  it("take over a field once its edit is confirmed (another surface's later change shows)", async () => {
    const { bg, sync, draft } = await started();
    sync.edit({ text: 'mine' });
    await settle();
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, text: 'from the share window' } });
    expect(draft().text).toBe('from the share window');
  });

  it("alt text typed for one picture holds back only that one: another surface's alt text for the next shows", async () => {
    const { bg, sync, draft } = await started({ media: [photo('m1'), photo('m2')] });
    bg.hold = true;
    sync.describe('m1', 'typed here');
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, media: [photo('m1', { description: 'old' }), photo('m2', { description: 'from the share window' })] } });
    expect(draft().media.map((m) => m.description)).toEqual(['typed here', 'from the share window']);
    // Only the draft's own fields: the edit bookkeeping never shows in it.
    expect(Object.keys(draft()).sort()).toEqual(Object.keys(bg.stored).sort());
  });

  it("ignore other drafts' changes", async () => {
    const { sync, draft, bg } = await started({ text: 'popup draft' });
    sync.receive({ draftId: 'share-1', draft: { ...bg.stored, text: 'a share draft' } });
    expect(draft().text).toBe('popup draft');
  });
});

describe('when the background cannot store an edit', () => {
  it('says so, rejects the flush, and sends the edit again with the next save', async () => {
    const { bg, sync, last } = await started();
    bg.failing = true;
    sync.edit({ text: 'important' }, true);
    await expect(sync.flush()).rejects.toThrow();
    expect(last().saveFailed).toBe(true);
    expect(last().composer!.draft.text).toBe('important');

    bg.failing = false;
    await sync.flush();
    expect(bg.calls.at(-1)).toEqual({ name: 'updateDraft', data: { draftId: 'popup', patch: { text: 'important' } } });
    expect(bg.stored.text).toBe('important');
    expect(last().saveFailed).toBe(false);
  });

  it('a newer edit made meanwhile wins over the one sent again', async () => {
    const { bg, sync } = await started();
    bg.hold = true;
    bg.failing = true;
    const first = sync.flush();
    sync.edit({ text: 'old', visibility: 'unlisted' });
    sync.edit({ text: 'new' }, true);
    bg.release();
    await settle();
    await expect(first).resolves.toBeUndefined();
    bg.failing = false;
    bg.hold = false;
    await sync.flush();
    expect(bg.calls.at(-1)!.data).toEqual({ draftId: 'popup', patch: { text: 'new', visibility: 'unlisted' } });
  });

  it('alt text that could not be saved is sent again, unless the attachment was removed', async () => {
    const { bg, sync } = await started({ media: [photo('m1'), photo('m2')] });
    bg.failing = true;
    sync.describe('m1', 'first');
    sync.describe('m2', 'second');
    await expect(sync.flush()).rejects.toThrow();
    bg.failing = false;
    await sync.remove('m2');
    await sync.flush();
    expect(bg.calls.filter((c) => c.name === 'describeMedia').at(-1)!.data).toEqual({ draftId: 'popup', localId: 'm1', description: 'first' });
    expect(bg.stored.media).toEqual([photo('m1', { description: 'first' })]);
  });

  it('choosing another account or other accounts: a failure is shown, not thrown, and the next success clears it', async () => {
    const { bg, sync, last } = await started();
    bg.failing = true;
    await expect(sync.selectAccount('bob@example.social')).resolves.toBeUndefined();
    expect(last().saveFailed).toBe(true);
    bg.failing = false;
    await sync.crosspostTo(['bob@example.social']);
    expect(last().saveFailed).toBe(false);
    bg.failing = true;
    await expect(sync.crosspostTo([])).resolves.toBeUndefined();
    expect(last().saveFailed).toBe(true);
  });

  it('a failed removal or retry is shown, not thrown', async () => {
    const { bg, sync, last } = await started({ media: [photo('m1')] });
    bg.failing = true;
    await expect(sync.retry('m1')).resolves.toBeUndefined();
    expect(last().saveFailed).toBe(true);
    bg.failing = false;
    await sync.retry('m1');
    expect(last().saveFailed).toBe(false);
  });
});

describe('media', () => {
  it("answers the new attachment's id, even when a broadcast brought it first", async () => {
    const { bg, sync } = await started({ media: [photo('m1')] });
    bg.hold = true;
    const adding = sync.addMedia({ fileName: 'b.png', mimeType: 'image/png', size: 10, fileId: 'f1' });
    await settle();
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, media: [photo('m1'), photo('new1')] } });
    bg.release();
    await expect(adding).resolves.toEqual({ problem: null, localId: 'new1' });
  });

  it('removing shows at once and keeps the alt text typed for it from being sent', async () => {
    const { bg, sync, draft } = await started({ media: [photo('m1')] });
    sync.describe('m1', 'never sent');
    const removing = sync.remove('m1');
    expect(draft().media).toEqual([]);
    await removing;
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(names(bg)).toEqual(['removeMedia']);
  });
});

describe('switching account', () => {
  it('saves what waits first, then shows the new account with the typing kept', async () => {
    const { bg, sync, last } = await started();
    sync.edit({ text: 'keep me' }, true);
    await sync.selectAccount('bob@other.example');
    expect(names(bg)).toEqual(['updateDraft', 'selectAccount']);
    expect(last().composer!.draft).toMatchObject({ text: 'keep me', accountId: 'bob@other.example' });
  });
});

describe('after a post', () => {
  it('reload shows the fresh draft and drops edits that belonged to the posted one', async () => {
    const { bg, sync, draft } = await started();
    sync.edit({ text: 'posted' });
    await sync.post();
    sync.edit({ spoilerText: 'typed while posting' }, true);
    await sync.reload();
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(draft()).toMatchObject({ idempotencyKey: 'key-2', text: '', spoilerText: '' });
    expect(names(bg)).toEqual(['updateDraft', 'post', 'getComposer']);
  });

  it('a fresh draft that fails to load takes the posted one off the screen', async () => {
    const { bg, sync, last } = await started({ text: 'posted' });
    await sync.post();
    bg.failing = true;
    await sync.reload();
    expect(last()).toMatchObject({ composer: null, loadFailed: true });
  });
});

describe('closing', () => {
  it('dispose sends what waits at once, and shows nothing more', async () => {
    const { bg, sync, shown } = await started();
    sync.edit({ text: 'typed just before closing' }, true);
    const count = shown.length;
    sync.dispose();
    expect(bg.calls).toEqual([{ name: 'updateDraft', data: { draftId: 'popup', patch: { text: 'typed just before closing' } } }]);
    await settle();
    expect(shown).toHaveLength(count);
    expect(bg.stored.text).toBe('typed just before closing');
  });
});

describe('before anything is shown (no last known composer, no answer yet)', () => {
  it('has no draft, and typing, alt text and files wait for the composer instead of failing', async () => {
    const bg = fakeBackground();
    bg.hold = true;
    const sync = createDraftSync(bg.backend, 'popup', () => {});
    expect(sync.draft()).toBeNull();
    sync.edit({ text: 'too early' });
    sync.describe('a', 'too early');
    expect(names(bg)).toEqual([]);
    const adding = sync.addMedia({ fileId: 'f', fileName: 'f.png', mimeType: 'image/png', size: 1 });
    bg.release();
    await expect(adding).resolves.toEqual({ problem: null, localId: 'new1' });
  });
});

describe('alt text of several pictures', () => {
  it('typing one picture’s alt text changes that picture only, also when a broadcast comes before the save', async () => {
    const { bg, sync, draft } = await started({ media: [photo('a', { description: 'first' }), photo('b')] });
    sync.describe('b', 'second');
    expect(draft().media.map((m) => m.description)).toEqual(['first', 'second']);
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, media: [photo('a', { description: 'first', state: 'ready' }), photo('b', { state: 'ready' })] } });
    expect(draft().media.map((m) => [m.description, m.state])).toEqual([['first', 'ready'], ['second', 'ready']]);
  });
});

describe('alt text saved on its own', () => {
  it('sends only the alt text, and once it is confirmed another surface’s later change to it shows', async () => {
    const { bg, sync, draft } = await started({ media: [photo('a')] });
    sync.describe('a', 'typed here');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(names(bg)).toEqual(['describeMedia']);
    sync.receive({ draftId: 'popup', draft: { ...bg.stored, media: [photo('a', { description: 'from the share window' })] } });
    expect(draft().media[0]!.description).toBe('from the share window');
  });
});

describe('when only one picture’s alt text could not be stored', () => {
  /** The background stores everything but the first alt text sent for `b`, which fails on `fail()`. */
  async function oneFails() {
    const h = await started({ media: [photo('a'), photo('b')] });
    const describe = h.bg.backend.describeMedia;
    const failure = deferred<never>();
    let failed = false;
    h.bg.backend.describeMedia = (data) => {
      if (data.localId !== 'b' || failed) return describe(data);
      failed = true;
      return failure.promise;
    };
    return { ...h, fail: () => failure.reject(new Error('no answer')) };
  }

  it('only that alt text is sent again: the text and the other alt text stored with it are not sent twice', async () => {
    const { bg, sync, fail } = await oneFails();
    // Typing waits for its pause, so the text goes out with the alt texts.
    sync.edit({ text: 'hi' }, true);
    sync.describe('a', 'one');
    sync.describe('b', 'two');
    const flushing = sync.flush();
    await settle();
    fail();
    await expect(flushing).rejects.toThrow();
    bg.calls.length = 0;
    await sync.flush();
    expect(bg.calls.map((c) => c.data)).toEqual([{ draftId: 'popup', localId: 'b', description: 'two' }]);
  });

  it('alt text typed while the failed one was on its way is the one sent again', async () => {
    const { bg, sync, fail } = await oneFails();
    sync.describe('b', 'two');
    const flushing = sync.flush();
    await settle();
    sync.describe('b', 'three');
    fail();
    await expect(flushing).rejects.toThrow();
    await sync.flush();
    expect(bg.calls.at(-1)!.data).toEqual({ draftId: 'popup', localId: 'b', description: 'three' });
    expect(bg.stored.media[1]!.description).toBe('three');
  });
});
