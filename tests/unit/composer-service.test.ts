import { describe, expect, it, vi } from 'vitest';
import { createAccountStore, type StoredAccount } from '@/lib/accounts';
import { memoryBlobStore } from '@/lib/composer/blob-store';
import { emptyDraft, type Draft, type DraftMap, type DraftMedia } from '@/lib/composer/draft';
import { createInstanceCache, type InstanceCacheMap } from '@/lib/composer/instance-limits';
import type { PostedMap } from '@/lib/composer/posted';
import { createComposerService } from '@/lib/composer/service';
import type { UndoMap } from '@/lib/composer/undo-store';
import { CLIENT_NAME } from '@/lib/fedipost-app';
import { uploadForm } from '@/lib/mastodon/upload-transport';
import type { DraftId } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { memoryValue, type StoredValue } from '@/lib/stored-value';
import { blobFromBase64 } from '../helpers/blob';
import { stubFetch, type StubAnswer } from '../helpers/stub-fetch';
import { storedAccount } from '../helpers/stored-account';

/*
 * The background's composer over a stub instance: which account a draft uses, what
 * happens to its files, share drafts. (tests/integration/composer.test.ts runs the same
 * service against the test server.)
 */
const account = (name: string, origin = 'https://x.social') => storedAccount(name, origin);
const alice = account('alice');
const bob = account('bob');
const PNG = blobFromBase64('iVBORw0KGgo=', 'image/png');

function setup(
  options: {
    accounts?: StoredAccount[];
    defaultAccountId?: string | null;
    drafts?: DraftMap;
    upload?: () => StubAnswer;
    /** GET /api/v1/media/m1: the server's answer while the composer waits for processing. */
    processed?: () => StubAnswer;
    uploadDelayMs?: number;
    undoSeconds?: number;
    /** More answers of the stub instance (or other answers to the same requests). */
    routes?: Record<string, StubAnswer | (() => StubAnswer)>;
    /** Outcomes of earlier posts, by Idempotency-Key. */
    posted?: PostedMap;
    /** Other choices of the options page (with `undoSeconds`, or Undo's default). */
    settings?: Partial<Settings>;
    /** Languages of the latest posts, as the background stores them. */
    recentLanguages?: StoredValue<string[]>;
  } = {},
) {
  const accounts = options.accounts ?? [alice, bob];
  let mediaId = 0;
  const stub = stubFetch({
    'POST /api/v2/media': options.upload ?? (() => ({ json: { id: `m${++mediaId}`, type: 'image', url: `https://x.social/m${mediaId}.png`, preview_url: null } })),
    'PUT /api/v1/media/m1': { json: { id: 'm1', type: 'image', url: 'https://x.social/m1.png' } },
    ...(options.processed ? { 'GET /api/v1/media/m1': options.processed } : {}),
    // The text the tests post: a status that differs from what was sent is deleted (server-altered).
    'POST /api/v1/statuses': { json: { id: '1', url: 'https://x.social/@alice/1', content: '<p>look</p>' } },
    ...options.routes,
  });
  const calls = stub.calls;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    // A slow upload, so that what happens meanwhile can be seen.
    if (options.uploadDelayMs && init?.method === 'POST' && String(input).endsWith('/api/v2/media')) {
      await new Promise((resolve) => setTimeout(resolve, options.uploadDelayMs));
    }
    return stub.fetch(input, init);
  };
  const drafts = memoryValue<DraftMap>(options.drafts ?? {});
  const files = memoryBlobStore();
  const posted = memoryValue<PostedMap>(options.posted ?? {});
  const accountStore = createAccountStore(memoryValue({ accounts, defaultAccountId: options.defaultAccountId === undefined ? (accounts[0]?.id ?? null) : options.defaultAccountId }));
  const broadcasts: Draft[] = [];
  /** What the background heard: work under way (true) or none left (false). */
  const busy: boolean[] = [];
  /** The popup's list of recent posts, as the composer told it. */
  const recent: string[] = [];
  let ids = 0;
  let clock = 1000;
  const composer = createComposerService({
    drafts,
    accounts: accountStore,
    instances: createInstanceCache(memoryValue<InstanceCacheMap>({}), fetch),
    files,
    fetch,
    // The multipart upload over the same stub (the browsers use XMLHttpRequest).
    uploads: async (request) => {
      const { form } = await uploadForm(files, request);
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: form });
      return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    },
    posted,
    undo: memoryValue<UndoMap>({}),
    // Processing waits in milliseconds, not minutes.
    uploadTiming: { pollMs: 1, maxPollMs: 1, processingTimeoutMs: 40 },
    newId: () => `id-${++ids}`,
    now: () => (clock += 10),
    ...(options.undoSeconds === undefined && options.settings === undefined
      ? {}
      : { preferences: async () => ({ ...DEFAULT_SETTINGS, ...options.settings, undoSeconds: options.undoSeconds ?? DEFAULT_SETTINGS.undoSeconds }) }),
    uiLanguage: () => 'en',
    broadcast: (_id, draft) => broadcasts.push(draft),
    busy: (working) => busy.push(working),
    recentPosts: {
      posted: async (accountId, post) => void recent.push(`posted ${accountId} ${post.statusId}`),
      removed: async (accountId, statusId) => void recent.push(`removed ${accountId} ${statusId}`),
    },
    ...(options.recentLanguages ? { recentLanguages: options.recentLanguages } : {}),
  });
  const settled = async (draftId: DraftId = 'popup') => {
    for (let i = 0; i < 100; i++) {
      const draft = (await drafts.getValue())[draftId];
      if (draft && draft.media.every((m) => m.state === 'ready' || m.state === 'failed')) return draft;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('uploads did not settle');
  };
  const uploads = () => calls.filter((c) => c.method === 'POST' && c.path === '/api/v2/media');
  /** A file as the page hands it over: put in the file store, only its id sent. */
  let fileIds = 0;
  const png = async (fileName = 'a.png') => {
    const fileId = `file-${++fileIds}`;
    await files.put(fileId, PNG);
    return { fileName, mimeType: 'image/png', size: PNG.size, fileId };
  };
  const later = (ms: number) => (clock += ms);
  return { composer, drafts, files, posted, accounts: accountStore, calls, broadcasts, busy, recent, settled, uploads, png, later };
}

describe('which account a draft posts as', () => {
  it('its own while connected; the default otherwise; the first when there is no default', async () => {
    const own = setup({ drafts: { popup: { ...emptyDraft('k', bob.id, 0), text: 'x' } } });
    expect((await own.composer.getComposer('popup')).account?.id).toBe(bob.id);
    const gone = setup({ defaultAccountId: bob.id, drafts: { popup: { ...emptyDraft('k', 'carol@x.social', 0), text: 'kept' } } });
    const state = await gone.composer.getComposer('popup');
    expect(state.account?.id).toBe(bob.id);
    expect(state.draft).toMatchObject({ text: 'kept', accountId: bob.id });
    expect((await gone.drafts.getValue()).popup?.accountId).toBe(bob.id);
    const noDefault = setup({ defaultAccountId: null });
    expect((await noDefault.composer.getComposer('popup')).account?.id).toBe(alice.id);
  });

  it('without any account: Mastodon’s default limits, said to be defaults, and posting says so', async () => {
    const h = setup({ accounts: [] });
    const state = await h.composer.getComposer('popup');
    expect(state).toMatchObject({ account: null, limitsAreDefaults: true, counterStyle: 'remaining' });
    expect(state.draft.accountId).toBeNull();
    await h.composer.updateDraft('popup', { text: 'hello' });
    expect(await h.composer.post('popup')).toEqual({ ok: false, error: { code: 'no-account' } });
  });

  it('refuses to post a draft with problems, naming them, and sends nothing', async () => {
    const h = setup();
    expect(await h.composer.post('popup')).toEqual({ ok: false, error: { code: 'invalid-draft', problems: [{ code: 'empty' }] } });
    expect(h.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('ignores a switch to an account that is not connected', async () => {
    const h = setup();
    await h.composer.updateDraft('popup', { text: 'x' });
    expect((await h.composer.selectAccount('popup', 'carol@x.social')).account?.id).toBe(alice.id);
  });

  it('uploads again, for the new account, what was uploaded for another one', async () => {
    const h = setup();
    await h.composer.addMedia('popup', await h.png());
    await h.settled();
    await h.composer.selectAccount('popup', bob.id);
    const draft = await h.settled();
    expect(draft.media[0]).toMatchObject({ state: 'ready', uploadedFor: bob.id, serverId: 'm2' });
    expect(h.uploads().map((c) => c.headers.get('authorization'))).toEqual(['Bearer token-alice', 'Bearer token-bob']);
    await h.composer.selectAccount('popup', bob.id);
    expect(h.uploads()).toHaveLength(2);
  });
});

describe('files of a draft', () => {
  it('are uploaded with the server’s preview, or its URL where it has none', async () => {
    const h = setup({ upload: () => ({ json: { id: 'm1', type: 'image', url: 'https://x.social/full.png', preview_url: 'https://x.social/small.png' } }) });
    const { draft } = await h.composer.addMedia('popup', await h.png());
    expect(draft.media[0]).toMatchObject({ localId: 'file-1', state: 'uploading', descriptionSynced: true, fileName: 'a.png', mimeType: 'image/png', size: PNG.size });
    expect((await h.settled()).media[0]).toMatchObject({ state: 'ready', serverId: 'm1', uploadedFor: alice.id, previewUrl: 'https://x.social/small.png', error: null });
    expect(h.broadcasts.at(-1)?.media[0]?.state).toBe('ready');
    const noPreview = setup();
    await noPreview.composer.addMedia('popup', await noPreview.png());
    expect((await noPreview.settled()).media[0]!.previewUrl).toBe('https://x.social/m1.png');
  });

  it('a refused upload shows the server’s words where it gave some, else the kind of failure', async () => {
    const refused = setup({ upload: () => ({ status: 422, json: { error: 'File type not supported' } }) });
    await refused.composer.addMedia('popup', await refused.png());
    expect((await refused.settled()).media[0]).toMatchObject({ state: 'failed', error: 'File type not supported' });
    const down = setup({ upload: () => ({ status: 503, json: {} }) });
    await down.composer.addMedia('popup', await down.png());
    expect((await down.settled()).media[0]).toMatchObject({ state: 'failed', error: 'server-error' });
  });

  it('a file gone from the store fails as missing, and can be retried once put back', async () => {
    const h = setup();
    const { draft } = await h.composer.addMedia('popup', await h.png());
    const localId = draft.media[0]!.localId;
    await h.settled();
    await h.files.delete(localId);
    await h.composer.retryMedia('popup', localId);
    expect((await h.settled()).media[0]).toMatchObject({ state: 'failed', error: 'file-missing' });
    await h.files.put(localId, PNG);
    expect((await h.composer.retryMedia('popup', localId)).media[0]).toMatchObject({ state: 'uploading', error: null });
    expect((await h.settled()).media[0]!.state).toBe('ready');
  });

  it('one the server is still processing when the wait ends says so, and Retry waits for it again without sending it twice', async () => {
    let done = false;
    const h = setup({
      upload: () => ({ status: 202, json: { id: 'm1', type: 'video', url: null, preview_url: null } }),
      processed: () => (done ? { json: { id: 'm1', type: 'video', url: 'https://x.social/m1.mp4', preview_url: 'https://x.social/m1.png' } } : { status: 206, json: { id: 'm1', type: 'video', url: null } }),
    });
    const localId = (await h.composer.addMedia('popup', await h.png('clip.mp4'))).draft.media[0]!.localId;
    // Not "an answer Fedipost doesn't understand": the server took the file and is still at it.
    expect((await h.settled()).media[0]).toMatchObject({ state: 'failed', error: 'processing-timeout', serverId: 'm1' });
    done = true;
    expect((await h.composer.retryMedia('popup', localId)).media[0]).toMatchObject({ state: 'processing', error: null });
    expect((await h.settled()).media[0]).toMatchObject({ state: 'ready', serverId: 'm1', previewUrl: 'https://x.social/m1.png' });
    expect(h.uploads()).toHaveLength(1);
  });

  it('alt text: kept locally before the upload, marked for a PUT after it, for that file only', async () => {
    const h = setup({ uploadDelayMs: 50 });
    const first = (await h.composer.addMedia('popup', await h.png('one.png'))).draft.media[0]!.localId;
    await h.settled();
    const second = (await h.composer.addMedia('popup', await h.png('two.png'))).draft.media[1]!.localId;
    const during = await h.composer.describeMedia('popup', second, 'typed while uploading');
    expect(during.media.map((m) => [m.description, m.descriptionSynced])).toEqual([['', true], ['typed while uploading', true]]);
    await h.settled();
    const after = await h.composer.describeMedia('popup', first, 'a cat');
    expect(after.media.map((m) => [m.description, m.descriptionSynced])).toEqual([['a cat', false], ['typed while uploading', false]]);
  });

  it('removing one deletes its file and keeps the others', async () => {
    const h = setup();
    const one = (await h.composer.addMedia('popup', await h.png('one.png'))).draft.media[0]!.localId;
    const two = (await h.composer.addMedia('popup', await h.png('two.png'))).draft.media[1]!.localId;
    await h.settled();
    expect((await h.composer.removeMedia('popup', one)).media.map((m) => m.localId)).toEqual([two]);
    expect(await h.files.get(one)).toBeUndefined();
    expect(await h.files.get(two)).toBeDefined();
  });

  it('posting sends a changed alt text first, then starts a fresh draft; with Undo off the files go at once', async () => {
    const h = setup({ undoSeconds: 0 });
    const localId = (await h.composer.addMedia('popup', await h.png())).draft.media[0]!.localId;
    await h.settled();
    await h.composer.describeMedia('popup', localId, 'a cat');
    await h.composer.updateDraft('popup', { text: 'look' });
    expect(await h.composer.post('popup')).toEqual({ ok: true, url: 'https://x.social/@alice/1', scheduledAt: null });
    expect(h.calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v2/media', 'PUT /api/v1/media/m1', 'POST /api/v1/statuses',
    ]);
    expect(await h.files.get(localId)).toBeUndefined();
    expect((await h.drafts.getValue()).popup).toMatchObject({ text: '', media: [], accountId: alice.id });
  });

  it('with Undo on, the posted files stay while it can be undone and go when its window closes', async () => {
    const h = setup({ undoSeconds: 30 });
    const localId = (await h.composer.addMedia('popup', await h.png())).draft.media[0]!.localId;
    await h.settled();
    await h.composer.updateDraft('popup', { text: 'look' });
    expect(await h.composer.post('popup')).toMatchObject({ ok: true });
    expect((await h.drafts.getValue()).popup).toMatchObject({ text: '', media: [] });
    expect(await h.files.get(localId)).toBeDefined();
    h.later(30_000);
    await h.composer.recover();
    expect(await h.files.get(localId)).toBeUndefined();
  });

  it('posting does not PUT alt text that the server already has', async () => {
    const h = setup();
    await h.composer.addMedia('popup', await h.png());
    await h.settled();
    await h.composer.updateDraft('popup', { text: 'look' });
    await h.composer.post('popup');
    expect(h.calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });
});

describe('share drafts', () => {
  const share = (id: string, text: string, updatedAt: number, media: DraftMedia[] = []): [DraftId, Draft] => [
    id as DraftId,
    { ...emptyDraft(`k-${id}`, alice.id, 0), text, media, updatedAt },
  ];
  const file = { localId: 'f', fileName: 'a.png', mimeType: 'image/png', size: 1, description: '', state: 'ready' as const, serverId: 's', uploadedFor: alice.id, previewUrl: null, descriptionSynced: true, error: null };

  it('lists those with words or files, newest first, with the start of their text', async () => {
    const long = `  ${'word '.repeat(30)}  `;
    const h = setup({
      drafts: Object.fromEntries([
        share('share-1', 'older', 10),
        share('share-2', long, 30),
        share('share-3', '   ', 20),
        share('share-4', '', 15, [file]),
        share('popup', 'not a share', 99),
      ]),
    });
    expect(await h.composer.unfinishedShares()).toEqual([
      { draftId: 'share-2', preview: long.trim().slice(0, 80), mediaCount: 0, updatedAt: 30 },
      { draftId: 'share-4', preview: '', mediaCount: 1, updatedAt: 15 },
      { draftId: 'share-1', preview: 'older', mediaCount: 0, updatedAt: 10 },
    ]);
  });

  it('drops the empty ones, never one with anything in it, nor other drafts', async () => {
    const h = setup({ drafts: Object.fromEntries([share('share-1', ' ', 1), share('share-2', 'words', 2), share('share-3', '', 3, [file]), share('popup', '', 4)]) });
    await h.composer.pruneEmptyShareDrafts();
    expect(Object.keys(await h.drafts.getValue()).sort()).toEqual(['popup', 'share-2', 'share-3']);
  });

  it('a seeded draft has the shared text, and its image waits as "fetching"', async () => {
    const h = setup();
    const fetching = { localId: 'img-1', fileName: 'shared.png', description: 'from the page', source: 'https://example.com/shared.png' };
    const draft = await h.composer.seed('share-9' as DraftId, { text: 'Shared: https://example.com', accountId: bob.id, fetching });
    expect(draft).toMatchObject({ text: 'Shared: https://example.com', accountId: bob.id });
    expect(draft.media).toEqual([expect.objectContaining({ localId: 'img-1', fileName: 'shared.png', description: 'from the page', state: 'fetching', serverId: null })]);
    expect(h.uploads()).toEqual([]);
  });

  it('a shared image cut off mid-fetch with no address to fetch again (an older draft) says to share it again', async () => {
    const fetching: DraftMedia = { localId: 'img-1', fileName: 'shared.png', mimeType: '', size: 0, description: '', state: 'fetching', serverId: null, uploadedFor: null, previewUrl: null, descriptionSynced: true, error: null };
    const h = setup({ drafts: Object.fromEntries([share('share-1', 'Look', 1, [fetching])]) });
    await h.composer.recover();
    expect((await h.drafts.getValue())['share-1']).toMatchObject({ text: 'Look', media: [{ localId: 'img-1', state: 'failed', error: 'fetch-interrupted' }] });
  });

  it('a seeded draft for an account that is gone goes to the default one, and without an image uploads nothing', async () => {
    const h = setup();
    const draft = await h.composer.seed('share-9' as DraftId, { text: 'hi', accountId: 'carol@x.social' });
    expect(draft).toMatchObject({ text: 'hi', accountId: alice.id, media: [] });
    expect(h.uploads()).toEqual([]);
  });
});

describe('the language list', () => {
  it('puts the languages just posted in first, latest first, each once, five at most', async () => {
    const recent = memoryValue<string[]>(['it', 'es', 'pt', 'nl', 'sv']);
    const h = setup({ recentLanguages: recent });
    expect((await h.composer.getComposer('popup')).recentLanguages).toEqual(['it', 'es', 'pt', 'nl', 'sv']);
    for (const language of ['de', 'es', null]) {
      await h.composer.updateDraft('popup', { text: 'look', language });
      expect(await h.composer.post('popup')).toMatchObject({ ok: true });
    }
    // No language chosen: the account's default, else the browser's ('en').
    expect((await h.composer.getComposer('popup')).recentLanguages).toEqual(['en', 'es', 'de', 'it', 'pt']);
    expect(await recent.getValue()).toEqual(['en', 'es', 'de', 'it', 'pt']);
  });

  it('remembers the account’s own default language for a post that chose none', async () => {
    const carol = storedAccount('carol', 'https://x.social', { defaults: { visibility: 'public', language: 'fr', sensitive: false } });
    const recent = memoryValue<string[]>([]);
    const h = setup({ accounts: [carol], recentLanguages: recent });
    await h.composer.updateDraft('popup', { text: 'look' });
    expect(await h.composer.post('popup')).toMatchObject({ ok: true });
    expect(await recent.getValue()).toEqual(['fr']);
  });

  it('shows only language codes from what was stored', async () => {
    const h = setup({ recentLanguages: memoryValue(['de', 'EN', 'english', 42, 'x', ['nl'], 'fra', null] as unknown as string[]) });
    expect((await h.composer.getComposer('popup')).recentLanguages).toEqual(['de', 'fra']);
    expect((await setup({ recentLanguages: memoryValue('de' as unknown as string[]) }).composer.getComposer('popup')).recentLanguages).toEqual([]);
  });
});

describe('what the composer shows besides the draft', () => {
  it('Undo while its window is open, then no more', async () => {
    const h = setup({ undoSeconds: 30 });
    expect((await h.composer.getComposer('popup')).undoUntil).toBeNull();
    await h.composer.updateDraft('popup', { text: 'look' });
    await h.composer.post('popup');
    const until = (await h.composer.getComposer('popup')).undoUntil;
    expect(until).toBeGreaterThan(h.later(0) + 29_000);
    h.later(31_000);
    expect((await h.composer.getComposer('popup')).undoUntil).toBeNull();
  });

  it('the counter and the alt-text reminder as the options page says', async () => {
    const h = setup({ settings: { counterStyle: 'used', altTextReminder: false } });
    expect(await h.composer.getComposer('popup')).toMatchObject({ counterStyle: 'used', altTextReminder: false });
    expect(await setup().composer.getComposer('popup')).toMatchObject({ counterStyle: 'remaining', altTextReminder: true });
  });
});

describe('a window that lost the answer', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('asks again with its key and hears the outcome, for a day; nothing is posted twice', async () => {
    const h = setup();
    await h.composer.updateDraft('popup', { text: 'look' });
    const key = (await h.composer.getComposer('popup')).draft.idempotencyKey;
    const outcome = await h.composer.post('popup', key);
    expect(outcome).toEqual({ ok: true, url: 'https://x.social/@alice/1', scheduledAt: null });
    expect(await h.composer.post('popup', key)).toEqual(outcome);
    expect(h.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/statuses')).toHaveLength(1);
  });

  it('outcomes older than a day are forgotten at the next post; younger ones stay', async () => {
    const h = setup({
      posted: {
        old: { url: 'https://x.social/@alice/0', scheduledAt: null, at: 1000 - DAY },
        recent: { url: 'https://x.social/@alice/2', scheduledAt: null, at: 1000 - DAY + 60_000 },
      },
    });
    await h.composer.updateDraft('popup', { text: 'look' });
    const key = (await h.composer.getComposer('popup')).draft.idempotencyKey;
    await h.composer.post('popup');
    expect(Object.keys(await h.posted.getValue()).sort()).toEqual([key, 'recent'].sort());
  });
});

describe('keeping the background alive', () => {
  it('says work is under way when the first upload starts, and done only when the last one ends', async () => {
    const h = setup({ uploadDelayMs: 30 });
    await h.composer.addMedia('popup', await h.png('one.png'));
    await h.composer.addMedia('popup', await h.png('two.png'));
    expect(h.busy).toEqual([true]);
    await h.settled();
    await vi.waitFor(() => expect(h.busy).toEqual([true, false]));
  });

  it('a post is work under way too', async () => {
    const h = setup();
    await h.composer.updateDraft('popup', { text: 'look' });
    await h.composer.post('popup');
    expect(h.busy).toEqual([true, false]);
  });
});

describe('Undo', () => {
  const posting = async (h: ReturnType<typeof setup>, text = 'look') => {
    await h.composer.updateDraft('popup', { text });
    expect(await h.composer.post('popup')).toMatchObject({ ok: true });
  };

  it('deletes the status, takes it off the recent posts, and brings the draft back under a new key', async () => {
    const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { json: {} } } });
    await posting(h);
    const outcome = await h.composer.undo('popup');
    expect(outcome).toMatchObject({ ok: true, state: { draft: { text: 'look', accountId: alice.id }, undoUntil: null } });
    expect(h.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/v1/statuses/1']);
    expect(h.recent).toEqual([`posted ${alice.id} 1`, `removed ${alice.id} 1`]);
  });

  it('a status deleted elsewhere meanwhile: the draft comes back all the same', async () => {
    const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { status: 404, json: { error: 'Record not found' } } } });
    await posting(h);
    expect(await h.composer.undo('popup')).toMatchObject({ ok: true, state: { draft: { text: 'look' } } });
  });

  it('a server that refuses the delete: said so, and the post and its Undo stay', async () => {
    const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { status: 503, json: {} } } });
    await posting(h);
    expect(await h.composer.undo('popup')).toEqual({ ok: false, error: { code: 'server-error', status: 503 } });
    expect((await h.composer.getComposer('popup'))).toMatchObject({ draft: { text: '' }, undoUntil: expect.any(Number) });
    expect(h.recent).toEqual([`posted ${alice.id} 1`]);
  });

  it('the window closes at its second, not after', async () => {
    const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { json: {} } } });
    await posting(h);
    const until = (await h.composer.getComposer('popup')).undoUntil!;
    h.later(until - h.later(0) - 10);
    // The next reading of the clock is the window's last millisecond.
    expect(await h.composer.undo('popup')).toEqual({ ok: false, error: { code: 'undo-expired' } });
    expect(h.calls.filter((c) => c.method === 'DELETE')).toEqual([]);
  });

  it('the account was disconnected meanwhile: nothing is deleted', async () => {
    const h = setup({ undoSeconds: 30, accounts: [alice, bob], drafts: { popup: { ...emptyDraft('k', bob.id, 0), text: 'look' } } });
    expect(await h.composer.post('popup')).toMatchObject({ ok: true });
    const undo = await h.composer.getComposer('popup');
    expect(undo.undoUntil).not.toBeNull();
    await h.accounts.remove(bob.id);
    expect(await h.composer.undo('popup')).toEqual({ ok: false, error: { code: 'no-account' } });
    expect(h.calls.filter((c) => c.method === 'DELETE')).toEqual([]);
  });

  it('only white space typed since is nothing to lose; a poll is', async () => {
    const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { json: {} } } });
    await posting(h);
    await h.composer.updateDraft('popup', { poll: { options: ['a', 'b'], expiresIn: 300, multiple: false } });
    expect(await h.composer.undo('popup')).toEqual({ ok: false, error: { code: 'draft-in-use' } });
    await h.composer.updateDraft('popup', { poll: null, text: '  \n ' });
    expect(await h.composer.undo('popup')).toMatchObject({ ok: true, state: { draft: { text: 'look' } } });
  });

  it('re-attaches the file the server kept; uploads again one it dropped', async () => {
    const h = setup({
      undoSeconds: 30,
      routes: { 'DELETE /api/v1/statuses/1': { json: {} }, 'GET /api/v1/media/m1': { json: { id: 'm1', type: 'image', url: 'https://x.social/m1.png' } } },
    });
    await h.composer.addMedia('popup', await h.png('kept.png'));
    await h.settled();
    await h.composer.addMedia('popup', await h.png('dropped.png'));
    await h.settled();
    await posting(h);
    const outcome = await h.composer.undo('popup');
    expect(outcome).toMatchObject({ ok: true });
    const media = (await h.settled()).media;
    expect(media.map((m) => [m.fileName, m.state, m.serverId])).toEqual([['kept.png', 'ready', 'm1'], ['dropped.png', 'ready', 'm3']]);
    expect(h.uploads()).toHaveLength(3);
  });

  it('windows that closed let their files go; one still open keeps its own', async () => {
    const h = setup({ undoSeconds: 30 });
    const early = (await h.composer.addMedia('popup', await h.png())).draft.media[0]!.localId;
    await h.settled();
    await posting(h);
    h.later(20_000);
    const late = (await h.composer.addMedia('share-1' as DraftId, await h.png())).draft.media[0]!.localId;
    await h.settled('share-1' as DraftId);
    await h.composer.updateDraft('share-1' as DraftId, { text: 'look' });
    expect(await h.composer.post('share-1' as DraftId)).toMatchObject({ ok: true });
    h.later(15_000);
    await h.composer.recover();
    expect(await h.files.get(early)).toBeUndefined();
    expect(await h.files.get(late)).toBeDefined();
    expect((await h.composer.getComposer('share-1' as DraftId)).undoUntil).not.toBeNull();
  });
});

describe('a worker that starts again', () => {
  const SINCE = Date.parse('2026-11-30T10:00:00Z');
  const unconfirmed = (patch: Partial<Draft> = {}): DraftMap => ({ popup: { ...emptyDraft('key-1', alice.id, 0), text: 'look', unconfirmedSince: SINCE, ...patch } });
  const mine = { id: '9', url: 'https://x.social/@alice/9', content: '<p>look</p>', spoiler_text: '', created_at: '2026-11-30T10:00:05Z', application: { name: CLIENT_NAME } };

  it('finds the post an earlier run sent before it stopped: the draft is done, and the windows hear it', async () => {
    const h = setup({ drafts: unconfirmed(), routes: { 'GET /api/v1/accounts/alice/statuses': { json: [mine] } } });
    await h.composer.recover();
    await vi.waitFor(async () => expect((await h.drafts.getValue()).popup).toMatchObject({ text: '', unconfirmedSince: null }));
    expect(await h.posted.getValue()).toMatchObject({ 'key-1': { url: 'https://x.social/@alice/9' } });
    expect(h.broadcasts.at(-1)).toMatchObject({ text: '' });
    expect(h.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('none found, or the server unreachable: the draft and its mark stay for the next attempt to check', async () => {
    const none = setup({ drafts: unconfirmed(), routes: { 'GET /api/v1/accounts/alice/statuses': { json: [] } } });
    await none.composer.recover();
    await vi.waitFor(() => expect(none.calls.map((c) => c.path)).toContain('/api/v1/accounts/alice/statuses'));
    await vi.waitFor(() => expect(none.busy.at(-1)).toBe(false));
    expect((await none.drafts.getValue()).popup).toMatchObject({ text: 'look', unconfirmedSince: SINCE, idempotencyKey: 'key-1' });
    expect(none.broadcasts).toEqual([]);

    const down = setup({ drafts: unconfirmed(), routes: { 'GET /api/v1/accounts/alice/statuses': new TypeError('offline') } });
    await down.composer.recover();
    await vi.waitFor(() => expect(down.busy.at(-1)).toBe(false));
    expect((await down.drafts.getValue()).popup).toMatchObject({ text: 'look', unconfirmedSince: SINCE });
  });

  it('a draft never sent is not looked for', async () => {
    const h = setup({ drafts: unconfirmed({ unconfirmedSince: null }), routes: { 'GET /api/v1/accounts/alice/statuses': { json: [mine] } } });
    await h.composer.recover();
    expect((await h.composer.getComposer('popup')).draft).toMatchObject({ text: 'look' });
    expect(h.calls.map((c) => c.path)).not.toContain('/api/v1/accounts/alice/statuses');
  });

  it('waits again for a file its server was processing; one uploaded for another account, or cut off mid-upload, fails with Retry', async () => {
    const file = (localId: string, patch: Partial<DraftMedia>): DraftMedia => ({
      localId, fileName: `${localId}.png`, mimeType: 'image/png', size: 1, description: '', state: 'processing', serverId: 'm1', uploadedFor: alice.id,
      previewUrl: null, descriptionSynced: true, error: null, ...patch,
    });
    const h = setup({
      drafts: { popup: { ...emptyDraft('k', alice.id, 0), media: [file('a', {}), file('b', { uploadedFor: bob.id }), file('c', { state: 'uploading', serverId: null })] } },
      processed: () => ({ json: { id: 'm1', type: 'image', url: 'https://x.social/m1.png', preview_url: null } }),
    });
    await h.composer.recover();
    expect((await h.settled()).media.map((m) => [m.localId, m.state, m.error])).toEqual([['a', 'ready', null], ['b', 'failed', 'interrupted'], ['c', 'failed', 'interrupted']]);
    expect(h.calls.filter((c) => c.path === '/api/v1/media/m1')).toHaveLength(1);
  });
});

describe('files picked, checked by what the store holds', () => {
  it('a file the store no longer has, or one already in the draft, is refused without an upload', async () => {
    const h = setup();
    const picked = await h.png();
    await h.composer.addMedia('popup', picked);
    expect(await h.composer.addMedia('popup', picked)).toMatchObject({ problem: { code: 'media-failed', fileName: 'a.png' }, draft: { media: [{ localId: picked.fileId }] } });
    expect(await h.composer.addMedia('popup', { ...picked, fileId: 'never-stored', fileName: 'gone.png' })).toMatchObject({ problem: { code: 'media-failed', fileName: 'gone.png' } });
    await h.settled();
    expect(h.uploads()).toHaveLength(1);
  });

  it('a stored file without a type takes the one the page named', async () => {
    const h = setup();
    await h.files.put('untyped', new Blob([new Uint8Array([137, 80, 78, 71])]));
    const { draft, problem } = await h.composer.addMedia('popup', { fileId: 'untyped', fileName: 'a.png', mimeType: 'image/png', size: 4 });
    expect(problem).toBeNull();
    expect(draft.media[0]).toMatchObject({ mimeType: 'image/png', size: 4 });
  });
});

describe('a scheduled post', () => {
  it('has no Undo and joins no list of posts; its files go at once', async () => {
    const h = setup({
      undoSeconds: 30,
      routes: { 'POST /api/v1/statuses': { json: { id: 's1', scheduled_at: '2030-01-01T10:00:00.000Z', params: { text: 'look' } } } },
    });
    const localId = (await h.composer.addMedia('popup', await h.png())).draft.media[0]!.localId;
    await h.settled();
    await h.composer.updateDraft('popup', { text: 'look', scheduledAt: '2030-01-01T10:00:00.000Z' });
    expect(await h.composer.post('popup')).toEqual({ ok: true, url: null, scheduledAt: '2030-01-01T10:00:00.000Z' });
    expect((await h.composer.getComposer('popup')).undoUntil).toBeNull();
    expect(h.recent).toEqual([]);
    expect(await h.files.get(localId)).toBeUndefined();
  });
});

describe('a new draft', () => {
  it('goes out as the options page’s other accounts too, never as its own twice', async () => {
    const h = setup({ settings: { crosspostDefault: [alice.id, bob.id] } });
    expect((await h.composer.getComposer('popup')).draft.crosspostTo).toEqual([bob.id]);
  });
});

describe('switching account with files attached', () => {
  it('the same account again, or one not connected: nothing is uploaded again', async () => {
    const h = setup();
    await h.composer.addMedia('popup', await h.png());
    await h.settled();
    await h.composer.selectAccount('popup', alice.id);
    await h.composer.selectAccount('popup', 'carol@x.social');
    // Any upload started meanwhile has ended once the background hears that no work is left.
    await vi.waitFor(() => expect(h.busy.at(-1)).toBe(false));
    expect((await h.settled()).media[0]).toMatchObject({ state: 'ready', serverId: 'm1', uploadedFor: alice.id });
    expect(h.uploads()).toHaveLength(1);
  });

  it('a thread with a part posted stays with its account: the replies need that server’s ids', async () => {
    const thread = { parts: [{ text: 'one', posted: { id: '1', url: null }, unconfirmedSince: null }, { text: 'two', posted: null, unconfirmedSince: null }], numbered: false, replyVisibility: null };
    const h = setup({ drafts: { popup: { ...emptyDraft('k', alice.id, 0), text: 'one', thread } } });
    expect((await h.composer.selectAccount('popup', bob.id)).account?.id).toBe(alice.id);
    expect((await h.drafts.getValue()).popup?.accountId).toBe(alice.id);
  });

  it('Retry after a processing wait uploads again when the file was sent for another account', async () => {
    const h = setup({
      drafts: {
        popup: {
          ...emptyDraft('k', alice.id, 0),
          media: [{ localId: 'f1', fileName: 'a.png', mimeType: 'image/png', size: PNG.size, description: '', state: 'failed', serverId: 'm9', uploadedFor: bob.id, previewUrl: null, descriptionSynced: true, error: 'processing-timeout' }],
        },
      },
    });
    await h.files.put('f1', PNG);
    expect((await h.composer.retryMedia('popup', 'f1')).media[0]).toMatchObject({ state: 'uploading' });
    expect((await h.settled()).media[0]).toMatchObject({ state: 'ready', serverId: 'm1', uploadedFor: alice.id });
    expect(h.uploads()).toHaveLength(1);
  });
});

describe('a shared image', () => {
  const SOURCE = 'https://x.social/shared/cat.png';
  const picture = (localId: string, patch: Partial<DraftMedia> = {}): DraftMedia => ({
    localId, fileName: `${localId}.png`, mimeType: 'image/png', size: 8, description: '', state: 'ready', serverId: `s-${localId}`, uploadedFor: alice.id,
    previewUrl: null, descriptionSynced: true, error: null, ...patch,
  });
  const fetching = picture('img', { state: 'fetching', serverId: null, uploadedFor: null, mimeType: '', size: 0, source: SOURCE });
  const shareDraft = (media: DraftMedia[], text = ''): DraftMap => ({ 'share-1': { ...emptyDraft('k', alice.id, 0), text, media } });

  it('that cannot be fetched is shared as its link, alone when nothing else was written', async () => {
    const h = setup({ drafts: shareDraft([fetching]) });
    await h.composer.fetchShared('share-1' as DraftId, 'img', SOURCE);
    expect((await h.drafts.getValue())['share-1']).toMatchObject({ text: SOURCE, media: [] });
    expect(h.broadcasts.at(-1)).toMatchObject({ text: SOURCE, media: [] });
  });

  it('fills the fourth place beside three pictures: its own place is not counted twice', async () => {
    const h = setup({
      drafts: shareDraft([picture('a'), picture('b'), picture('c'), fetching], 'Look'),
      routes: { 'GET /shared/cat.png': { text: 'not really a png', headers: { 'Content-Type': 'image/png' } } },
    });
    await h.composer.fetchShared('share-1' as DraftId, 'img', SOURCE);
    const media = (await h.settled('share-1' as DraftId)).media;
    expect(media.map((m) => [m.localId, m.state])).toEqual([['a', 'ready'], ['b', 'ready'], ['c', 'ready'], ['img', 'ready']]);
    expect(media[3]).toMatchObject({ fileName: 'cat.png', mimeType: 'image/png', error: null });
  });
});

describe('who may quote, only where the instance has quotes', () => {
  const QUOTES = { 'GET /api/v2/instance': { json: { domain: 'x.social', version: '4.5.0', api_versions: { mastodon: 7 }, configuration: { statuses: { max_characters: 500 } } } } };
  const sentBody = (h: ReturnType<typeof setup>) => JSON.parse(h.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/statuses')!.body!);

  it('goes with a post to an instance that has them, and never to one that has none', async () => {
    const quotes = setup({ routes: QUOTES });
    await quotes.composer.updateDraft('popup', { text: 'look', quotePolicy: 'followers' });
    expect(await quotes.composer.post('popup')).toMatchObject({ ok: true });
    expect(sentBody(quotes)).toMatchObject({ quote_approval_policy: 'followers' });

    const none = setup();
    await none.composer.updateDraft('popup', { text: 'look', quotePolicy: 'followers' });
    expect(await none.composer.post('popup')).toMatchObject({ ok: true });
    expect(sentBody(none)).not.toHaveProperty('quote_approval_policy');
  });

  it('goes with each part of a thread to an instance that has them, and never to one that has none', async () => {
    const thread = { parts: [{ text: 'look', posted: null, unconfirmedSince: null }, { text: 'look', posted: null, unconfirmedSince: null }], numbered: false, replyVisibility: null };
    const drafts = (): DraftMap => ({ popup: { ...emptyDraft('k', alice.id, 0), text: 'look', quotePolicy: 'followers', thread } });
    const bodies = (h: ReturnType<typeof setup>) => h.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/statuses').map((c) => JSON.parse(c.body!).quote_approval_policy);
    const quotes = setup({ routes: QUOTES, drafts: drafts() });
    expect(await quotes.composer.post('popup')).toMatchObject({ ok: true });
    expect(bodies(quotes)).toEqual(['followers', 'followers']);
    const none = setup({ drafts: drafts() });
    expect(await none.composer.post('popup')).toMatchObject({ ok: true });
    expect(bodies(none)).toEqual([undefined, undefined]);
  });
});

describe('a few more promises of the composer', () => {
  it('an upload refused without a word from the server says it was refused', async () => {
    const h = setup({ upload: () => ({ status: 422, json: {} }) });
    await h.composer.addMedia('popup', await h.png());
    expect((await h.settled()).media[0]).toMatchObject({ state: 'failed', error: 'rejected' });
  });

  it('Cancel with no upload under way leaves the file as it is', async () => {
    const h = setup();
    const localId = (await h.composer.addMedia('popup', await h.png())).draft.media[0]!.localId;
    await h.settled();
    expect((await h.composer.cancelUpload('popup', localId)).media[0]).toMatchObject({ state: 'ready', serverId: 'm1' });
  });

  it('Delete & redraft: the post becomes the draft under a new key, and the surfaces hear it', async () => {
    const h = setup();
    const posted = { ...emptyDraft('old-key', alice.id, 0), text: 'redraft me', unconfirmedSince: 5 };
    const state = await h.composer.restoreDraft('popup', posted);
    expect(state.draft).toMatchObject({ text: 'redraft me', unconfirmedSince: null });
    expect(state.draft.idempotencyKey).not.toBe('old-key');
    expect(h.broadcasts.at(-1)).toEqual(state.draft);
    expect(await h.composer.draftInUse('popup')).toBe(true);
  });

  it('a new draft for an account, as Delete & redraft asks for one', async () => {
    const h = setup();
    expect(await h.composer.newDraft(bob.id)).toMatchObject({ accountId: bob.id, text: '', media: [] });
  });
});

describe('opening and posting ask the instance as little as they can', () => {
  it('the composer opened twice and a post ask for the instance’s limits once', async () => {
    const h = setup({ routes: { 'GET /api/v2/instance': { json: { domain: 'x.social', configuration: { statuses: { max_characters: 500 } } } } } });
    await h.composer.getComposer('popup');
    await h.composer.getComposer('popup');
    await h.composer.updateDraft('popup', { text: 'look' });
    expect(await h.composer.post('popup')).toMatchObject({ ok: true });
    expect(h.calls.filter((c) => c.path === '/api/v2/instance')).toHaveLength(1);
  });
});

describe('drafts whose account is gone', () => {
  it('with no account left, a draft of a disconnected account opens without one, its words kept', async () => {
    const h = setup({ accounts: [], drafts: { popup: { ...emptyDraft('k', 'carol@x.social', 0), text: 'kept' } } });
    expect(await h.composer.getComposer('popup')).toMatchObject({ account: null, draft: { text: 'kept', accountId: null } });
  });
});

it('Undo keeps a draft that has only a file attached since: the file is something to lose', async () => {
  const h = setup({ undoSeconds: 30, routes: { 'DELETE /api/v1/statuses/1': { json: {} } } });
  await h.composer.updateDraft('popup', { text: 'look' });
  expect(await h.composer.post('popup')).toMatchObject({ ok: true });
  await h.composer.addMedia('popup', await h.png());
  expect(await h.composer.undo('popup')).toEqual({ ok: false, error: { code: 'draft-in-use' } });
  expect(h.calls.filter((c) => c.method === 'DELETE')).toEqual([]);
});

it('Retry waits again for the file it names, not for another one in the draft', async () => {
  const file = (localId: string, patch: Partial<DraftMedia>): DraftMedia => ({
    localId, fileName: `${localId}.mp4`, mimeType: 'video/mp4', size: PNG.size, description: '', state: 'ready', serverId: `s-${localId}`, uploadedFor: alice.id,
    previewUrl: null, descriptionSynced: true, error: null, ...patch,
  });
  const h = setup({
    drafts: { popup: { ...emptyDraft('k', alice.id, 0), media: [file('one', {}), file('two', { state: 'failed', serverId: 'm9', error: 'processing-timeout' })] } },
    routes: { 'GET /api/v1/media/m9': { json: { id: 'm9', type: 'video', url: 'https://x.social/m9.mp4', preview_url: 'https://x.social/m9.png' } } },
  });
  expect((await h.composer.retryMedia('popup', 'two')).media[1]).toMatchObject({ state: 'processing' });
  expect((await h.settled()).media[1]).toMatchObject({ state: 'ready', serverId: 'm9', previewUrl: 'https://x.social/m9.png' });
  expect(h.uploads()).toEqual([]);
});
