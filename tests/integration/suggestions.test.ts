import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { createSuggestionService } from '@/lib/composer/suggestions';
import { accountsItem, instancesItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { connectHarness } from './connect-harness';

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(() => server.close());

async function connected() {
  const connection = connectHarness();
  await connection.service.start({ input: server.origin });
  const suggestions = createSuggestionService({ accounts: connection.accounts, instances: createInstanceCache(instancesItem, fetch), fetch });
  return { suggestions, accountId: `alice@${server.host}` };
}

describe('suggestions for the composer', () => {
  it('finds local and known remote accounts through search, without resolving', async () => {
    const { suggestions, accountId } = await connected();
    expect(await suggestions.suggest(accountId, 'account', 'al')).toEqual({
      ok: true,
      suggestions: [
        { kind: 'account', acct: 'alice', displayName: 'Alice Example', avatar: `${server.origin}/avatars/alice.png` },
        { kind: 'account', acct: 'alina@elsewhere.example', displayName: 'Alina Elsewhere', avatar: `${server.origin}/avatars/alina.png` },
      ],
    });
    const search = server.requests.find((r) => r.path === '/api/v2/search')!;
    expect(search.query).toMatchObject({ q: 'al', type: 'accounts', resolve: 'false', limit: '5' });
  });

  it('finds hashtags by prefix', async () => {
    const { suggestions, accountId } = await connected();
    expect(await suggestions.suggest(accountId, 'hashtag', 'fedi')).toEqual({
      ok: true,
      suggestions: [
        { kind: 'hashtag', name: 'fediverse' },
        { kind: 'hashtag', name: 'fedipost' },
      ],
    });
  });

  it("matches the instance's custom emoji, asking for the list once and keeping it with the instance's data", async () => {
    const { suggestions, accountId } = await connected();
    expect(await suggestions.suggest(accountId, 'emoji', 'blob')).toEqual({
      ok: true,
      suggestions: [
        { kind: 'emoji', shortcode: 'blobcat', url: `${server.origin}/emoji/blobcat.png` },
        { kind: 'emoji', shortcode: 'blobcat_heart', url: `${server.origin}/emoji/blobcat_heart.png` },
      ],
    });
    // Hidden from the picker on the server: not suggested either.
    expect(await suggestions.suggest(accountId, 'emoji', 'admin')).toEqual({ ok: true, suggestions: [] });
    expect(server.count('GET', '/api/v1/custom_emojis')).toBe(1);
    expect((await instancesItem.getValue())[server.origin]?.emojis).toHaveLength(3);
  });

  it('says an account connected without read:search needs reconnecting, and asks nothing', async () => {
    const { suggestions, accountId } = await connected();
    const state = await accountsItem.getValue();
    await accountsItem.setValue({
      ...state,
      accounts: state.accounts.map((a) => ({ ...a, scopes: a.scopes.filter((s) => s !== 'read:search') })),
    });
    expect(await suggestions.suggest(accountId, 'account', 'al')).toEqual({ ok: false, reason: 'missing-scope' });
    expect(await suggestions.suggest(accountId, 'hashtag', 'fedi')).toEqual({ ok: false, reason: 'missing-scope' });
    expect(server.count('GET', '/api/v2/search')).toBe(0);
    // Custom emoji are public: they still come.
    expect(await suggestions.suggest(accountId, 'emoji', 'fedi')).toMatchObject({ ok: true, suggestions: [{ shortcode: 'fedipost' }] });
  });

  it('a 403 from search is a token without the scope (granted by a server that knew other scopes); a 401 or no answer is a failure', async () => {
    const { suggestions, accountId } = await connected();
    server.setFault('GET /api/v2/search', { status: 403, times: 1 });
    expect(await suggestions.suggest(accountId, 'hashtag', 'fedi')).toEqual({ ok: false, reason: 'missing-scope' });
    server.setFault('GET /api/v2/search', { status: 401, times: 1 });
    expect(await suggestions.suggest(accountId, 'account', 'al')).toEqual({ ok: false, reason: 'failed' });
    server.setFault('GET /api/v2/search', { drop: true, times: 1 });
    expect(await suggestions.suggest(accountId, 'account', 'al')).toEqual({ ok: false, reason: 'failed' });
  });

  it('shows the still avatar where the server has one (an animated one would move in the list)', async () => {
    const { suggestions, accountId } = await connected();
    const account = (acct: string, avatar: string, avatar_static: string) => ({ id: acct, username: acct, acct, display_name: acct, url: `https://x.example/@${acct}`, avatar, avatar_static });
    server.setFault('GET /api/v2/search', {
      patch: { accounts: [account('ann', 'https://x.example/ann.gif', 'https://x.example/ann.png'), account('bob', 'https://x.example/bob.png', '')] },
      times: 1,
    });
    expect(await suggestions.suggest(accountId, 'account', 'a')).toMatchObject({
      ok: true,
      suggestions: [{ acct: 'ann', avatar: 'https://x.example/ann.png' }, { acct: 'bob', avatar: 'https://x.example/bob.png' }],
    });
  });

  it('an account connected with the fallback scopes (all of `read`) may search', async () => {
    const { suggestions, accountId } = await connected();
    const state = await accountsItem.getValue();
    await accountsItem.setValue({ ...state, accounts: state.accounts.map((a) => ({ ...a, scopes: ['read', 'write'] })) });
    expect(await suggestions.suggest(accountId, 'hashtag', 'fedi')).toEqual({ ok: true, suggestions: [{ kind: 'hashtag', name: 'fediverse' }, { kind: 'hashtag', name: 'fedipost' }] });
  });

  it('an account no longer connected gets no suggestions, and nothing is asked', async () => {
    const { suggestions } = await connected();
    expect(await suggestions.suggest('gone@nowhere.example', 'account', 'al')).toEqual({ ok: false, reason: 'failed' });
    expect(server.count('GET', '/api/v2/search')).toBe(0);
  });

  it('reports a failure (server down) as such, not as a missing scope', async () => {
    const { suggestions, accountId } = await connected();
    server.setFault('GET /api/v2/search', { status: 503 });
    expect(await suggestions.suggest(accountId, 'account', 'al')).toEqual({ ok: false, reason: 'failed' });
  });
});
