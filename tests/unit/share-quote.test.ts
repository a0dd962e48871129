import { describe, expect, it } from 'vitest';
import { checkQuote, type QuoteCheckInput } from '@/lib/share/quote';

const origin = 'https://home.example';
const postUrl = 'https://news.example/@ann/1';
const apId = 'https://news.example/users/ann/statuses/1';

/** A status as GET /api/v2/search returns it for a resolved remote post. */
function status(overrides: Record<string, unknown> = {}) {
  return {
    id: '109',
    url: postUrl,
    uri: apId,
    content: '<p>Bread is a verb.</p>',
    spoiler_text: '',
    created_at: '2026-01-01T00:00:00.000Z',
    account: { acct: 'ann@news.example', display_name: 'Ann', username: 'ann' },
    media_attachments: [],
    quote_approval: { automatic: ['public'], manual: [], current_user: 'automatic' },
    ...overrides,
  };
}

/**
 * The home instance's search: each `q` it can resolve answers its status; anything else
 * finds nothing, and `failing` ones answer 500. Records what was asked, with which token.
 */
function instance(found: Record<string, unknown>, failing: string[] = []) {
  const searches: Array<{ q: string | null; resolve: string | null; auth: string | null }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== origin || url.pathname !== '/api/v2/search') return new Response('Not found', { status: 404 });
    const q = url.searchParams.get('q');
    searches.push({ q, resolve: url.searchParams.get('resolve'), auth: request.headers.get('Authorization') });
    if (q !== null && failing.includes(q)) return Response.json({ error: 'Boom' }, { status: 500 });
    const hit = q === null ? undefined : found[q];
    return Response.json({ accounts: [], statuses: hit ? [hit] : [], hashtags: [] });
  };
  return { fetch: fetch as typeof globalThis.fetch, searches };
}

function input(fetch: typeof globalThis.fetch, overrides: Partial<QuoteCheckInput> = {}): QuoteCheckInput {
  return { ctx: { origin, fetch }, token: 'tok', scopes: ['read', 'write'], apiVersion: 7, url: postUrl, activityPub: apId, ...overrides };
}

describe('checkQuote: is the shared page a post this account can quote?', () => {
  it('resolves the page through the account’s own instance, with its token, and describes the post', async () => {
    const server = instance({ [postUrl]: status() });
    expect(await checkQuote(input(server.fetch))).toEqual({
      check: 'found',
      post: {
        id: '109',
        url: postUrl,
        authorAcct: 'ann@news.example',
        authorName: 'Ann',
        text: 'Bread is a verb.',
        image: null,
        approval: 'automatic',
        followersOnly: false,
      },
    });
    expect(server.searches).toEqual([{ q: postUrl, resolve: 'true', auth: 'Bearer tok' }]);
  });

  it('tries the page’s ActivityPub link when the page itself resolves to nothing', async () => {
    const server = instance({ [apId]: status() });
    expect(await checkQuote(input(server.fetch))).toMatchObject({ check: 'found', post: { id: '109' } });
    expect(server.searches.map((s) => s.q)).toEqual([postUrl, apId]);
  });

  it('a failing search is one more candidate that found nothing', async () => {
    const server = instance({ [apId]: status() }, [postUrl]);
    expect(await checkQuote(input(server.fetch))).toMatchObject({ check: 'found', post: { id: '109' } });
  });

  it('asks once when the page is its own ActivityPub id', async () => {
    const server = instance({});
    expect(await checkQuote(input(server.fetch, { activityPub: postUrl }))).toEqual({ check: 'unresolved', post: null });
    expect(server.searches.map((s) => s.q)).toEqual([postUrl]);
  });

  it('an ordinary page (no ActivityPub link) that resolves to nothing is no post, asked once', async () => {
    const server = instance({}, [postUrl]);
    expect(await checkQuote(input(server.fetch, { activityPub: null }))).toEqual({ check: 'none', post: null });
    expect(server.searches.map((s) => s.q)).toEqual([postUrl]);
  });

  it('an ordinary page can still be a post the instance knows', async () => {
    const server = instance({ [postUrl]: status() });
    expect(await checkQuote(input(server.fetch, { activityPub: null }))).toMatchObject({ check: 'found' });
  });

  it.each([
    ['API version 6, a fediverse page', 6, apId, 'unsupported'],
    ['API version 6, an ordinary page', 6, null, 'none'],
    ['no API version, a fediverse page', 0, apId, 'unsupported'],
  ] as const)('%s: the instance is not asked (%s)', async (_, apiVersion, activityPub, check) => {
    const server = instance({ [postUrl]: status() });
    expect(await checkQuote(input(server.fetch, { apiVersion, activityPub }))).toEqual({ check, post: null });
    expect(server.searches).toEqual([]);
  });

  it('a newer API version than 7 quotes too', async () => {
    const server = instance({ [postUrl]: status() });
    expect(await checkQuote(input(server.fetch, { apiVersion: 8 }))).toMatchObject({ check: 'found' });
  });

  it.each([
    [['read:search'], 'found'],
    [['read'], 'found'],
    [['write', 'read:statuses', 'read:accounts'], 'needs-reconnect'],
  ] as const)('with the scopes %j: %s', async (scopes, check) => {
    const server = instance({ [postUrl]: status() });
    expect((await checkQuote(input(server.fetch, { scopes }))).check).toBe(check);
    expect(server.searches.length > 0).toBe(check === 'found');
  });

  it('without search scopes an ordinary page is simply no post', async () => {
    const server = instance({ [postUrl]: status() });
    expect(await checkQuote(input(server.fetch, { scopes: ['write'], activityPub: null }))).toEqual({ check: 'none', post: null });
  });
});

describe('the quoted post as the composer shows it', () => {
  const found = async (overrides: Record<string, unknown>) => {
    const result = await checkQuote(input(instance({ [postUrl]: status(overrides) }).fetch));
    expect(result.check).toBe('found');
    return result.post!;
  };

  it('its first image or GIF’s preview, https only', async () => {
    const media = (type: string, preview_url: string | null) => ({ id: '1', type, preview_url, description: null });
    expect((await found({ media_attachments: [media('video', 'https://cdn.example/v.png'), media('image', 'https://cdn.example/i.png')] })).image).toBe(
      'https://cdn.example/i.png',
    );
    expect((await found({ media_attachments: [media('gifv', 'https://cdn.example/g.png')] })).image).toBe('https://cdn.example/g.png');
    expect((await found({ media_attachments: [media('video', 'https://cdn.example/v.png')] })).image).toBeNull();
    expect((await found({ media_attachments: [media('image', null)] })).image).toBeNull();
    expect((await found({ media_attachments: [media('image', 'data:image/png;base64,AAAA')] })).image).toBeNull();
    expect((await found({ media_attachments: [media('image', 'javascript:alert(1)//https://x')] })).image).toBeNull();
    expect((await found({ media_attachments: [media('image', 'http://cdn.example/i.png')] })).image).toBe('http://cdn.example/i.png');
  });

  it('its page, or its ActivityPub id when the server gives no page', async () => {
    expect((await found({ url: null })).url).toBe(apId);
  });

  it('its author: the display name, else the username; nothing when the server left the account out', async () => {
    expect(await found({ account: { acct: 'ann@news.example', display_name: '', username: 'ann' } })).toMatchObject({
      authorAcct: 'ann@news.example',
      authorName: 'ann',
    });
    expect(await found({ account: undefined })).toMatchObject({ authorAcct: '', authorName: '' });
  });

  it('its text as plain text, trimmed, at most 500 characters', async () => {
    expect((await found({ content: '<p>  Line one<br>Line &amp; two  </p>' })).text).toBe('Line one\nLine & two');
    const long = (await found({ content: `<p>${'a'.repeat(600)}</p>` })).text;
    expect(long).toBe('a'.repeat(500));
  });

  it('who may quote it: the approval for this account, and whether followers may', async () => {
    expect(await found({ quote_approval: { automatic: ['followers'], manual: [], current_user: 'denied' } })).toMatchObject({
      approval: 'denied',
      followersOnly: true,
    });
    expect(await found({ quote_approval: { automatic: [], manual: ['public'], current_user: 'manual' } })).toMatchObject({
      approval: 'manual',
      followersOnly: false,
    });
    // Before Mastodon 4.5 nothing is known.
    expect(await found({ quote_approval: undefined })).toMatchObject({ approval: 'unknown', followersOnly: false });
  });
});
