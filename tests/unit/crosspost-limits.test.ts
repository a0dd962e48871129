import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { draftsItem, draftsStorage } from '@/entrypoints/background/storage-items';
import { chosenAccounts, crossposting, limitsForAll, limitsInForce, strictestServer, targetDone, type ChosenServer } from '@/lib/composer/chosen';
import { emptyDraft, migrateDraftsV1 } from '@/lib/composer/draft';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import { MASTODON_COUNTING } from '@/lib/server-profile';

const text = (words: string) => ({ text: words, spoilerEnabled: false, spoilerText: '' });

/** GoToSocial counts a link at its full length (DESIGN §9). */
const FULL_LINKS = { ...MASTODON_COUNTING, urlsAtReservedWeight: false };

const server = (host: string, limits: Partial<ChosenServer['limits']> = {}, counting = MASTODON_COUNTING): ChosenServer => ({
  accountId: `alice@${host}`,
  host,
  limits: { ...DEFAULT_LIMITS, ...limits },
  counting,
});

describe('chosenAccounts', () => {
  it('is the draft own account first, then the others, each once; disconnected ones left out when asked', () => {
    const draft = { accountId: 'a@one', crosspostTo: ['b@two', 'a@one', 'c@three', 'b@two'] };
    expect(chosenAccounts(draft)).toEqual(['a@one', 'b@two', 'c@three']);
    expect(chosenAccounts(draft, [{ id: 'c@three' }, { id: 'a@one' }])).toEqual(['a@one', 'c@three']);
    expect(crossposting({ accountId: 'a@one', crosspostTo: ['gone@x'] }, [{ id: 'a@one' }])).toBe(false);
    expect(crossposting({ accountId: 'a@one', crosspostTo: ['b@two'] })).toBe(true);
  });

  it('a draft without an account of its own goes out as the others only', () => {
    expect(chosenAccounts({ accountId: null, crosspostTo: ['b@two'] })).toEqual(['b@two']);
    expect(chosenAccounts({ accountId: null, crosspostTo: [] })).toEqual([]);
  });
});

describe('targetDone', () => {
  it('a published or scheduled post is done; one failed, pending or not yet tried is not', () => {
    expect(targetDone({ state: 'posted' })).toBe(true);
    expect(targetDone({ state: 'scheduled' })).toBe(true);
    expect(targetDone({ state: 'failed' })).toBe(false);
    expect(targetDone({ state: 'pending' })).toBe(false);
    expect(targetDone(undefined)).toBe(false);
  });
});

describe('strictestServer', () => {
  it('is the server with the fewest characters left for this text, counted its own way', () => {
    const big = server('big.example', { maxCharacters: 5000 });
    const small = server('small.example', { maxCharacters: 500 });
    expect(strictestServer(text('hello'), [big, small])?.host).toBe('small.example');
    // A long link: 23 where links count as 23, its whole length where they count in full.
    const link = `https://example.com/${'x'.repeat(600)}`;
    const fullLinks = server('gts.example', { maxCharacters: 600 }, FULL_LINKS);
    expect(strictestServer(text('hi'), [small, fullLinks])?.host).toBe('small.example');
    expect(strictestServer(text(link), [small, fullLinks])?.host).toBe('gts.example');
    // A smaller limit with more room left is not the stricter one, whichever comes first.
    expect(strictestServer(text(link), [fullLinks, small])?.host).toBe('gts.example');
  });

  it('none without servers', () => {
    expect(strictestServer(text('x'), [])).toBeNull();
  });

  it('on a tie, the smaller limit, whichever comes first; the same limit: the first', () => {
    // 43 characters: 23 where links count as 23, all 43 where they count in full.
    const link = `https://example.com/${'x'.repeat(23)}`;
    const mastodon = server('m.example', { maxCharacters: 500 });
    const fullLinks = server('gts.example', { maxCharacters: 520 }, FULL_LINKS);
    expect(strictestServer(text(link), [mastodon, fullLinks])?.host).toBe('m.example');
    expect(strictestServer(text(link), [fullLinks, mastodon])?.host).toBe('m.example');
    const twin = server('twin.example', { maxCharacters: 500 });
    expect(strictestServer(text('hi'), [mastodon, twin])?.host).toBe('m.example');
    expect(strictestServer(text('hi'), [twin, mastodon])?.host).toBe('twin.example');
  });

  it('the text over every limit: the one it is furthest over', () => {
    const long = 'x'.repeat(700);
    const servers = [server('a.example', { maxCharacters: 600 }), server('b.example', { maxCharacters: 500 }), server('c.example', { maxCharacters: 650 })];
    expect(strictestServer(text(long), servers)?.host).toBe('b.example');
  });
});

describe('limitsForAll', () => {
  it('takes what every chosen server accepts', () => {
    const a = server('a.example', {
      maxCharacters: 500,
      maxMediaAttachments: 4,
      supportedMimeTypes: ['image/png', 'image/jpeg', 'video/mp4'],
      imageSizeLimit: 16_000_000,
      videoSizeLimit: null,
      descriptionLimit: 1500,
      pollMaxOptions: 4,
      pollMinExpiration: 300,
    });
    const b = server('b.example', {
      maxCharacters: 5000,
      maxMediaAttachments: 6,
      supportedMimeTypes: ['image/png', 'image/gif'],
      imageSizeLimit: 8_000_000,
      videoSizeLimit: 40_000_000,
      descriptionLimit: null,
      pollMaxOptions: 6,
      pollMinExpiration: 600,
    });
    // A server that lists no types takes the usual kinds: it narrows nothing.
    const c = server('c.example', { supportedMimeTypes: [] });
    expect(limitsForAll(a, [a, b, c])).toMatchObject({
      maxCharacters: 500,
      maxMediaAttachments: 4,
      supportedMimeTypes: ['image/png'],
      imageSizeLimit: 8_000_000,
      videoSizeLimit: 40_000_000,
      descriptionLimit: 1500,
      pollMaxOptions: 4,
      pollMinExpiration: 600,
    });
  });

  it('a file type only some servers take is not offered; poll limits are the narrowest window and option', () => {
    const a = server('a.example', { supportedMimeTypes: ['image/png', 'image/webp'], pollMaxCharactersPerOption: 50, pollMaxExpiration: 86_400 });
    const b = server('b.example', { supportedMimeTypes: ['image/png', 'image/webp'], pollMaxCharactersPerOption: 100, pollMaxExpiration: 604_800 });
    const c = server('c.example', { supportedMimeTypes: ['image/png'], pollMaxCharactersPerOption: 75, pollMaxExpiration: 2_629_746 });
    expect(limitsForAll(a, [a, b, c])).toMatchObject({ supportedMimeTypes: ['image/png'], pollMaxCharactersPerOption: 50, pollMaxExpiration: 86_400 });
    expect(limitsForAll(c, [c, b, a])).toMatchObject({ supportedMimeTypes: ['image/png'], pollMaxCharactersPerOption: 50, pollMaxExpiration: 86_400 });
  });

  it('servers that list no file types and know no size limits: the usual kinds, no limits', () => {
    const a = server('a.example', { supportedMimeTypes: [], imageSizeLimit: null, videoSizeLimit: null, descriptionLimit: null });
    const b = server('b.example', { supportedMimeTypes: [], imageSizeLimit: null, videoSizeLimit: null, descriptionLimit: null });
    expect(limitsForAll(a, [a, b])).toMatchObject({ supportedMimeTypes: [], imageSizeLimit: null, videoSizeLimit: null, descriptionLimit: null });
  });

  it('limitsInForce: the account own limits for one account, every server for several', () => {
    const own = { ...DEFAULT_LIMITS, maxCharacters: 1000 };
    const state = { draft: text('hello'), limits: own, server: { counting: MASTODON_COUNTING } };
    expect(limitsInForce({ ...state, servers: [] })).toEqual({ limits: own, counting: MASTODON_COUNTING, strictest: null });
    const small = server('small.example', { maxCharacters: 300 });
    const inForce = limitsInForce({ ...state, servers: [server('own.example', { maxCharacters: 1000 }), small] });
    expect(inForce.strictest?.host).toBe('small.example');
    expect(inForce.limits.maxCharacters).toBe(300);
  });
});

describe('drafts storage v1 → v2', () => {
  it('migrateDraftsV1: every draft goes out as its own account, with no results', () => {
    const v1 = { popup: { idempotencyKey: 'k', accountId: 'a@one', text: 'hi' }, 'share-1': 'broken' };
    expect(migrateDraftsV1(v1)).toEqual({
      popup: { idempotencyKey: 'k', accountId: 'a@one', text: 'hi', crosspostTo: [], targets: {} },
      'share-1': 'broken',
    });
    expect(migrateDraftsV1('junk')).toBe('junk');
  });

  it('migrateDraftsV1 leaves arrays as they are, for checkDrafts to set aside with their words', () => {
    expect(migrateDraftsV1(['a', 'b'])).toEqual(['a', 'b']);
    expect(migrateDraftsV1({ popup: ['Some words'], 'share-1': null })).toEqual({ popup: ['Some words'], 'share-1': null });
    expect(migrateDraftsV1(null)).toBeNull();
  });

  it('runs on a stored v1 item, and the draft reads whole', async () => {
    const { crosspostTo: _, targets: __, ...v1Draft } = { ...emptyDraft('key-1', 'a@one', 5), text: 'Kept across the update' };
    await fakeBrowser.storage.local.set({ drafts: { popup: v1Draft }, drafts$: { v: 1 } });
    await draftsStorage.migrate();
    expect(await draftsStorage.getMeta()).toEqual({ v: 2 });
    const { popup } = await draftsItem.getValue();
    expect(popup).toMatchObject({ text: 'Kept across the update', crosspostTo: [], targets: {} });
  });
});
