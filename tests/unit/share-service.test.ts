import { describe, expect, it } from 'vitest';
import type { DraftId } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { NO_PAGE_INFO, type PageInfo } from '@/lib/share/page-meta';
import { share, type ShareDeps, type ShareRequest } from '@/lib/share/service';

type Seed = Parameters<ShareDeps['composer']['seed']>[1];

/**
 * share() with the background's other parts recorded: what the draft is seeded with, what
 * opens, which page is read and what is fetched or checked afterwards, in order.
 */
async function shareWith(request: ShareRequest, options: { settings?: Partial<Settings>; page?: PageInfo; imageTimeoutMs?: number } = {}) {
  const events: string[] = [];
  const seeds: Array<[DraftId, Seed]> = [];
  const reads: Array<[number, string]> = [];
  const fetches: Array<[DraftId, string, string, number | undefined]> = [];
  let n = 0;
  const deps: ShareDeps = {
    composer: {
      seed: async (draftId, seed) => {
        events.push('seed');
        seeds.push([draftId, seed]);
        return undefined as never;
      },
      resolveQuote: async (draftId) => {
        events.push(`quote ${draftId}`);
      },
      fetchShared: async (draftId, localId, source, timeoutMs) => {
        events.push(`fetch ${draftId}`);
        fetches.push([draftId, localId, source, timeoutMs]);
      },
    },
    settings: async () => ({ ...DEFAULT_SETTINGS, ...options.settings }),
    readPage: async (tabId, pageUrl) => {
      reads.push([tabId, pageUrl]);
      return options.page ?? NO_PAGE_INFO;
    },
    imageTimeoutMs: options.imageTimeoutMs,
    newId: () => `n${++n}`,
    openComposer: async (target) => {
      events.push(`open ${JSON.stringify(target)}`);
    },
  };
  await share(deps, request);
  return { events, seed: seeds[0], reads, fetches };
}

const page = { pageTitle: 'A fine article', pageUrl: 'https://news.example/story?id=7&utm_source=feed' };
const described: PageInfo = {
  authors: ['ann@news.example'],
  card: { title: 'A fine article', description: 'About things', siteName: 'News', image: null },
  activityPub: 'https://news.example/ap/7',
};

describe('share: what a context-menu click puts in the new draft', () => {
  it('a page: seeded, opened, then its quote checked; the share remembers the page as the options clean it', async () => {
    const { events, seed, reads } = await shareWith({ kind: 'page', tabId: 3, ...page }, { page: described });
    expect(events).toEqual(['seed', 'open {"draftId":"share-n1"}', 'quote share-n1']);
    expect(reads).toEqual([[3, page.pageUrl]]);
    expect(seed).toEqual([
      'share-n1',
      {
        text: 'A fine article\nhttps://news.example/story?id=7\nvia @\u2060ann@news.example',
        accountId: undefined,
        fetching: undefined,
        share: {
          url: 'https://news.example/story?id=7',
          authors: ['ann@news.example'],
          credit: 'text',
          card: described.card,
          cardRemoved: false,
          activityPub: 'https://news.example/ap/7',
          quote: { accountId: null, check: 'checking', post: null, on: false },
        },
      },
    ]);
  });

  it('keeps the page’s tracking parameters, and credits as a mention, when the options say so', async () => {
    const { seed } = await shareWith({ kind: 'page', tabId: 3, ...page }, { page: described, settings: { stripTracking: false, authorCredit: 'mention' } });
    expect(seed?.[1].share).toMatchObject({ url: page.pageUrl, credit: 'mention' });
    expect(seed?.[1].text).toBe(`A fine article\n${page.pageUrl}\nvia @ann@news.example`);
  });

  it('without the tab, the page is not read: no authors, no card', async () => {
    const { seed, reads } = await shareWith({ kind: 'page', ...page }, { page: described });
    expect(reads).toEqual([]);
    expect(seed?.[1].share).toMatchObject({ authors: [], card: null, activityPub: null });
  });

  it('as the account of the submenu', async () => {
    const { seed } = await shareWith({ kind: 'page', accountId: 'bob@b.example', ...page });
    expect(seed?.[1].accountId).toBe('bob@b.example');
  });

  it('a link: its own URL and text, no page share, nothing read or checked', async () => {
    const { events, seed, reads } = await shareWith({ kind: 'link', tabId: 3, linkUrl: 'https://other.example/post', linkText: 'Other post', ...page }, { page: described });
    expect(reads).toEqual([]);
    expect(events).toEqual(['seed', 'open {"draftId":"share-n1"}']);
    expect(seed?.[1]).toMatchObject({ text: 'Other post\nhttps://other.example/post', share: undefined });
  });

  it('a web link found on a browser page is still shared', async () => {
    const { seed } = await shareWith({ kind: 'link', linkUrl: 'https://other.example/post', linkText: 'Other post', pageTitle: 'History', pageUrl: 'chrome://history/' });
    expect(seed?.[1]).toMatchObject({ text: 'Other post\nhttps://other.example/post', share: undefined });
  });

  it('a selection on a browser page: the words, without the page', async () => {
    const { events, seed } = await shareWith({ kind: 'selection', selectionText: 'Worth it', pageTitle: 'PDF', pageUrl: 'chrome-extension://pdf/view' });
    expect(events).toEqual(['seed', 'open {"draftId":"share-n1"}']);
    expect(seed?.[1]).toMatchObject({ text: '“Worth it”\n\nPDF', share: undefined });
  });

  it.each([
    ['a page', { kind: 'page', pageTitle: 'Settings', pageUrl: 'chrome://settings/' }],
    ['a link', { kind: 'link', linkUrl: 'javascript:void(0)', pageTitle: 'Settings', pageUrl: 'chrome://settings/' }],
    ['a link without address', { kind: 'link', pageTitle: 'Settings', pageUrl: 'about:blank' }],
    ['an image', { kind: 'image', srcUrl: 'https://pics.example/a.png', pageTitle: 'Files', pageUrl: 'file:///home/a.html' }],
  ] as const)('%s that nobody could open: a message instead of a draft', async (_, request) => {
    const { events, seed } = await shareWith(request);
    expect(events).toEqual(['open {"problem":"not-shareable"}']);
    expect(seed).toBeUndefined();
  });

  it('an image: fetched into the draft with its alt text, after the window opened, within the given time', async () => {
    const { events, seed, fetches } = await shareWith(
      { kind: 'image', tabId: 3, srcUrl: 'https://pics.example/cats/tabby.jpg', altText: '  A tabby  ', ...page },
      { imageTimeoutMs: 1234 },
    );
    expect(events).toEqual(['seed', 'open {"draftId":"share-n1"}', 'quote share-n1', 'fetch share-n1']);
    expect(seed?.[1].fetching).toEqual({ localId: 'n2', fileName: 'tabby.jpg', description: 'A tabby', source: 'https://pics.example/cats/tabby.jpg' });
    expect(fetches).toEqual([['share-n1', 'n2', 'https://pics.example/cats/tabby.jpg', 1234]]);
  });

  it('an image without alt text or a file name of its own', async () => {
    const { seed } = await shareWith({ kind: 'image', srcUrl: 'https://pics.example/render?id=1', ...page });
    expect(seed?.[1].fetching).toMatchObject({ fileName: 'image.png', description: '' });
  });

  it('a link around an image, shared as the link: no image fetched', async () => {
    const { seed, fetches } = await shareWith({ kind: 'link', linkUrl: 'https://other.example/post', srcUrl: 'https://pics.example/a.png', ...page });
    expect(seed?.[1].fetching).toBeUndefined();
    expect(fetches).toEqual([]);
  });

  it('an image inside a web link, on a local file: nothing to share (only a link share takes the link)', async () => {
    const { events } = await shareWith({ kind: 'image', srcUrl: 'https://pics.example/a.png', linkUrl: 'https://other.example/post', pageTitle: 'Notes', pageUrl: 'file:///home/notes.html' });
    expect(events).toEqual(['open {"problem":"not-shareable"}']);
  });

  it('an image whose address the menu did not give: the page alone', async () => {
    const { seed, fetches } = await shareWith({ kind: 'image', ...page });
    expect(seed?.[1].fetching).toBeUndefined();
    expect(fetches).toEqual([]);
  });
});
