import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftId } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { NO_PAGE_INFO, type PageInfo } from '@/lib/share/page-meta';
import { share, type ShareRequest } from '@/lib/share/service';
import { draftsItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';
import { connectHarness } from './connect-harness';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon({ mediaProcessingMs: 20 });
});
afterEach(async () => {
  await server.close();
});

const page = { pageTitle: 'A fine article', pageUrl: 'https://news.example/story?id=7&utm_source=feed' };

async function shareAndOpen(request: ShareRequest, settings: Settings = DEFAULT_SETTINGS, pageInfo: PageInfo = NO_PAGE_INFO) {
  const h = await composerHarness(server);
  const openComposer = vi.fn(async (_target: { draftId: DraftId } | { problem: 'not-shareable' }) => undefined);
  const readPage = vi.fn(async (_tabId: number, _url: string) => pageInfo);
  let n = 0;
  await share({ composer: h.composer, settings: async () => settings, readPage, newId: () => `t${++n}`, openComposer }, request);
  const target = openComposer.mock.calls[0]![0];
  const draft = 'draftId' in target ? (await h.composer.getComposer(target.draftId)).draft : null;
  return { ...h, target, draft, readPage };
}

describe('sharing from the context menu', () => {
  it('a page: title and URL without tracking parameters, in a draft of its own', async () => {
    const { target, draft, composer } = await shareAndOpen({ kind: 'page', ...page });
    expect(target).toEqual({ draftId: 'share-t1' });
    expect(draft?.text).toBe('A fine article\nhttps://news.example/story?id=7');
    expect((await composer.getComposer('popup')).draft.text).toBe('');
  });

  it('a selection: quoted, then title and URL', async () => {
    const { draft } = await shareAndOpen({ kind: 'selection', selectionText: 'Words worth quoting', ...page });
    expect(draft?.text).toBe('“Words worth quoting”\n\nA fine article\nhttps://news.example/story?id=7');
  });

  it('a link: the link’s URL and text', async () => {
    const { draft } = await shareAndOpen({ kind: 'link', linkUrl: 'https://other.example/post', linkText: 'Other post', ...page });
    expect(draft?.text).toBe('Other post\nhttps://other.example/post');
  });

  it('an image: attached and uploaded, with the page’s alt text', async () => {
    const { draft, composer } = await shareAndOpen({ kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, altText: 'Alice', ...page });
    expect(draft?.text).toBe('A fine article\nhttps://news.example/story?id=7');
    expect(draft?.media[0]).toMatchObject({ fileName: 'alice.png', mimeType: 'image/png', description: 'Alice' });
    expect((await settled(composer, 'share-t1')).media[0]!.state).toBe('ready');
  });

  it('an image the page’s server will not give: shared as its link', async () => {
    const { draft } = await shareAndOpen({ kind: 'image', srcUrl: `${server.origin}/no/such.png`, ...page });
    expect(draft?.media).toEqual([]);
    expect(draft?.text).toContain(`${server.origin}/no/such.png`);
  });

  it('opens the window at once, the image "fetching" until it has arrived', async () => {
    server.setFault('GET /avatars/alice.png', { delayMs: 400 });
    const h = await composerHarness(server);
    let atOpen: string[] = [];
    let n = 0;
    const openComposer = async (target: { draftId: DraftId } | { problem: 'not-shareable' }) => {
      if ('draftId' in target) atOpen = (await h.composer.getComposer(target.draftId)).draft.media.map((m) => m.state);
    };
    const started = performance.now();
    const sharing = share({ composer: h.composer, settings: async () => DEFAULT_SETTINGS, readPage: async () => NO_PAGE_INFO, newId: () => `t${++n}`, openComposer }, { kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, ...page });
    await expect.poll(() => atOpen).toEqual(['fetching']);
    expect(performance.now() - started).toBeLessThan(400);
    await sharing;
    expect((await settled(h.composer, 'share-t1')).media[0]).toMatchObject({ state: 'ready', fileName: 'alice.png', mimeType: 'image/png' });
  });

  it('the background stopped while the image was on its way: the fetch starts again, and it uploads and posts once', async () => {
    server.setFault('GET /avatars/alice.png', { delayMs: 1500, times: 1 });
    const h = await composerHarness(server);
    let n = 0;
    // Never settles: the stopped worker never hears back.
    void share({ composer: h.composer, settings: async () => DEFAULT_SETTINGS, readPage: async () => NO_PAGE_INFO, newId: () => `t${++n}`, openComposer: async () => undefined }, { kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, altText: 'Alice', ...page });
    await expect.poll(() => server.count('GET', '/avatars/alice.png')).toBe(1);
    const restarted = await h.restart();
    const draft = await settled(restarted, 'share-t1', 5000);
    expect(draft.media).toEqual([expect.objectContaining({ state: 'ready', fileName: 'alice.png', description: 'Alice' })]);
    expect(draft.text).toBe('A fine article\nhttps://news.example/story?id=7');
    expect(server.count('GET', '/avatars/alice.png')).toBe(2);
    expect((await restarted.post('share-t1')).ok).toBe(true);
    expect(server.statuses).toHaveLength(1);
    expect(server.statuses[0]!.media_attachments).toHaveLength(1);
  });

  it('an image the instance would refuse: checked like a picked file, failed with the reason, never uploaded', async () => {
    server.limits = { ...server.limits, imageSizeLimit: 16 };
    const { draft } = await shareAndOpen({ kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, ...page });
    expect(draft?.media[0]).toMatchObject({ state: 'failed', error: 'media-too-large', mimeType: 'image/png' });
    expect(server.count('POST', '/api/v2/media')).toBe(0);
  });

  it('an image that does not arrive in time: shared as its link', async () => {
    server.setFault('GET /avatars/alice.png', { delayMs: 1000 });
    const h = await composerHarness(server);
    await share(
      { composer: h.composer, settings: async () => DEFAULT_SETTINGS, readPage: async () => NO_PAGE_INFO, newId: () => 'slow', openComposer: async () => undefined, imageTimeoutMs: 100 },
      { kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, ...page },
    );
    const { draft } = await h.composer.getComposer('share-slow');
    expect(draft.media).toEqual([]);
    expect(draft.text).toContain(`${server.origin}/avatars/alice.png`);
  });

  it('keeps tracking parameters when the person wants them', async () => {
    const { draft } = await shareAndOpen({ kind: 'page', ...page }, { ...DEFAULT_SETTINGS, stripTracking: false });
    expect(draft?.text).toContain('utm_source=feed');
  });

  it('a browser page: a clear message, no empty composer', async () => {
    const { target } = await shareAndOpen({ kind: 'page', pageTitle: 'Settings', pageUrl: 'chrome://settings/' });
    expect(target).toEqual({ problem: 'not-shareable' });
  });

  it('with no account yet, the shared draft waits for the first connect', async () => {
    const composer = (await composerHarness(server)).composer;
    const h = connectHarness();
    await h.accounts.remove(`alice@${server.host}`);
    await share(
      { composer, settings: async () => DEFAULT_SETTINGS, readPage: async () => NO_PAGE_INFO, newId: () => 'x', openComposer: async () => undefined },
      { kind: 'selection', selectionText: 'Keep me', ...page },
    );
    expect((await composer.getComposer('share-x')).account).toBeNull();
    await h.service.start({ input: server.origin });
    const state = await composer.getComposer('share-x');
    expect(state.account?.id).toBe(`alice@${server.host}`);
    expect(state.draft.text).toContain('“Keep me”');
  });

  it('forgets share windows’ empty drafts, never one with words in it', async () => {
    const { composer } = await shareAndOpen({ kind: 'page', ...page });
    await composer.updateDraft('share-t1', { text: '' });
    await composer.getComposer('share-kept');
    await composer.updateDraft('share-kept', { text: 'unfinished thought' });
    await composer.updateDraft('popup', { text: '' });
    await composer.pruneEmptyShareDrafts();
    expect(Object.keys(await draftsItem.getValue()).sort()).toEqual(['popup', 'share-kept']);
  });

  it('lists share drafts with something in them, newest first, for the popup to reopen', async () => {
    const { composer } = await shareAndOpen({ kind: 'selection', selectionText: 'First', ...page });
    await composer.getComposer('share-empty');
    await composer.getComposer('share-later');
    // Ordered by last change, in milliseconds: make "later" unmistakable.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await composer.updateDraft('share-later', { text: 'Second thoughts' });
    expect((await composer.unfinishedShares()).map((s) => [s.draftId, s.preview])).toEqual([
      ['share-later', 'Second thoughts'],
      ['share-t1', '“First”\n\nA fine article\nhttps://news.example/story?id=7'],
    ]);
  });

  it('discards an unfinished shared post: its draft and its files go, nothing else', async () => {
    const { composer, files } = await shareAndOpen({ kind: 'image', srcUrl: `${server.origin}/avatars/alice.png`, ...page });
    const [image] = (await settled(composer, 'share-t1')).media;
    expect(await files.get(image!.localId)).toBeInstanceOf(Blob);
    await composer.updateDraft('popup', { text: 'my own draft' });
    await composer.discardShareDraft('share-t1');
    expect(await files.get(image!.localId)).toBeUndefined();
    expect(await composer.unfinishedShares()).toEqual([]);
    expect(Object.keys(await draftsItem.getValue())).toEqual(['popup']);
    // The popup's own draft is never a share draft to discard.
    await composer.discardShareDraft('popup');
    expect((await composer.getComposer('popup')).draft.text).toBe('my own draft');
  });

  it('shares as the account of the submenu', async () => {
    await connectHarness({ username: 'bob' }).service.start({ input: server.origin });
    const { draft } = await shareAndOpen({ kind: 'page', accountId: `bob@${server.host}`, ...page });
    expect(draft?.accountId).toBe(`bob@${server.host}`);
  });
});

describe('sharing a page that describes itself', () => {
  const WJ = '\u2060';
  const article: PageInfo = {
    authors: ['ann@news.example'],
    card: { title: 'A fine article', description: 'About things', siteName: 'News', image: 'https://news.example/a.png' },
    activityPub: null,
  };

  it('reads only the tab that was acted on, and credits its author as the options say', async () => {
    const { draft, readPage } = await shareAndOpen({ kind: 'page', tabId: 7, ...page }, DEFAULT_SETTINGS, article);
    expect(readPage).toHaveBeenCalledExactlyOnceWith(7, page.pageUrl);
    expect(draft?.text).toBe(`A fine article\nhttps://news.example/story?id=7\nvia @${WJ}ann@news.example`);
    expect(draft?.share).toMatchObject({ url: 'https://news.example/story?id=7', authors: ['ann@news.example'], credit: 'text', card: article.card });
  });

  it('a link shares the linked page, whose meta Fedipost never reads', async () => {
    const { draft, readPage } = await shareAndOpen({ kind: 'link', tabId: 7, linkUrl: 'https://other.example/x', ...page }, DEFAULT_SETTINGS, article);
    expect(readPage).not.toHaveBeenCalled();
    expect(draft?.share).toBeNull();
  });

  it('an ordinary page: the instance finds no post, nothing is offered', async () => {
    const { composer } = await shareAndOpen({ kind: 'page', tabId: 7, ...page }, DEFAULT_SETTINGS, article);
    expect((await composer.getComposer('share-t1')).draft.share?.quote).toMatchObject({ check: 'none', post: null });
  });
});

describe('quoting a shared fediverse post', () => {
  const postUrl = 'https://news.example/@ann/1';
  const addPost = (current_user: 'automatic' | 'manual' | 'denied' | 'unknown', automatic = ['public']) =>
    server.addRemotePost({ url: postUrl, author: 'ann@news.example', displayName: 'Ann', text: 'Bread is a verb.', quoteApproval: { automatic, manual: [], current_user } });
  const fediversePost: PageInfo = { authors: [], card: null, activityPub: postUrl };

  it.each(['automatic', 'manual', 'denied', 'unknown'] as const)('resolves it through the account’s instance (current_user %s)', async (approval) => {
    const id = addPost(approval);
    const { composer } = await shareAndOpen({ kind: 'page', tabId: 1, pageTitle: 'Ann', pageUrl: postUrl }, DEFAULT_SETTINGS, fediversePost);
    const state = await composer.getComposer('share-t1');
    expect(state.quotes).toBe(true);
    expect(state.draft.share?.quote).toMatchObject({
      accountId: `alice@${server.host}`,
      check: 'found',
      on: false,
      post: { id, url: postUrl, authorAcct: 'ann@news.example', authorName: 'Ann', text: 'Bread is a verb.', approval },
    });
    expect(server.requests.some((r) => r.method === 'GET' && r.path === '/api/v2/search')).toBe(true);
  });

  it('posts with quoted_status_id once the person chose to quote; a private post can be quoted by nobody', async () => {
    const id = addPost('automatic');
    const { composer } = await shareAndOpen({ kind: 'page', tabId: 1, pageTitle: 'Ann', pageUrl: postUrl }, DEFAULT_SETTINGS, fediversePost);
    const { draft } = await composer.getComposer('share-t1');
    await composer.updateDraft('share-t1', { text: 'Ann', visibility: 'private', share: { ...draft.share!, quote: { ...draft.share!.quote, on: true } } });
    expect(await composer.post('share-t1')).toMatchObject({ ok: true });
    const status = server.statuses.find((s) => s.account.username === 'alice');
    expect(status).toMatchObject({ text: 'Ann', quoted_status_id: id, quote_approval_policy: 'nobody', visibility: 'private' });
  });

  it('the account’s quote policy goes with an ordinary post where the server has quotes', async () => {
    const { composer } = await shareAndOpen({ kind: 'page', ...page });
    await composer.updateDraft('share-t1', { quotePolicy: 'followers' });
    expect(await composer.post('share-t1')).toMatchObject({ ok: true });
    const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');
    expect(posts).toHaveLength(1);
    expect(server.statuses[0]).toMatchObject({ quoted_status_id: null, quote_approval_policy: 'followers' });
  });

  it('a post the instance can’t load is shared as a link, quietly', async () => {
    const { composer } = await shareAndOpen({ kind: 'page', tabId: 1, pageTitle: 'Ann', pageUrl: postUrl }, DEFAULT_SETTINGS, fediversePost);
    const { draft } = await composer.getComposer('share-t1');
    expect(draft.share?.quote).toMatchObject({ check: 'unresolved', post: null });
    expect(draft.text).toBe(`Ann\n${postUrl}`);
  });
});

describe('quoting on an older server', () => {
  it('an instance before API version 7 is not asked, and the post page is shared as a link', async () => {
    await server.close();
    server = await startFakeMastodon({ mastodonApiVersion: 0 });
    const { composer } = await shareAndOpen(
      { kind: 'page', tabId: 1, pageTitle: 'Ann', pageUrl: 'https://news.example/@ann/1' },
      DEFAULT_SETTINGS,
      { authors: [], card: null, activityPub: 'https://news.example/@ann/1' },
    );
    const state = await composer.getComposer('share-t1');
    expect(state.quotes).toBe(false);
    expect(state.draft.share?.quote.check).toBe('unsupported');
    expect(server.count('GET', '/api/v2/search')).toBe(0);
  });
});
