import { describe, expect, it, vi } from 'vitest';
import { checkInstances, createInstanceCache, type InstanceCacheMap } from '@/lib/composer/instance-limits';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import { memoryValue, type StoredValue } from '@/lib/stored-value';
import { stubFetch } from '../helpers/stub-fetch';

const ORIGIN = 'https://a.social';
const HOUR = 60 * 60 * 1000;
const INSTANCE = { domain: 'a.social', title: 'A', version: '4.3.0', configuration: { statuses: { max_characters: 1000 } } };

function setup(discovery: { status?: number; json?: unknown } | Error = { json: { scopes_supported: ['read', 'write:media'] } }) {
  let now = 10 * HOUR;
  const stub = stubFetch({ 'GET /api/v2/instance': { json: INSTANCE }, 'GET /.well-known/oauth-authorization-server': discovery });
  const store = memoryValue<InstanceCacheMap>({});
  const cache = createInstanceCache(store, stub.fetch, () => now);
  const ctx = { origin: ORIGIN, fetch: stub.fetch };
  return { cache, ctx, stub, store, advance: (ms: number) => (now += ms) };
}

describe('instance cache for connects', () => {
  it('asks for the instance and discovery once, then answers from the copy within the hour', async () => {
    const { cache, ctx, stub } = setup();
    const first = await cache.probe(ctx);
    expect(first.scopesSupported).toEqual(['read', 'write:media']);
    expect(first.info.limits.maxCharacters).toBe(1000);
    expect(await cache.probe(ctx)).toEqual(first);
    expect(stub.calls).toHaveLength(2);
  });

  it('between an hour and a day: answers from the copy at once and refreshes it behind', async () => {
    const { cache, ctx, stub, store, advance } = setup();
    await cache.probe(ctx);
    const refreshedAt = advance(3 * HOUR);
    expect((await cache.probe(ctx)).scopesSupported).toEqual(['read', 'write:media']);
    await vi.waitFor(async () => expect((await store.getValue())[ORIGIN]?.discovery?.fetchedAt).toBe(refreshedAt));
    expect(stub.calls).toHaveLength(4);
  });

  it('after a day, asks before answering', async () => {
    const { cache, ctx, stub, advance } = setup();
    await cache.probe(ctx);
    advance(25 * HOUR);
    await cache.probe(ctx);
    expect(stub.calls.map((c) => c.path)).toEqual([
      '/api/v2/instance',
      '/.well-known/oauth-authorization-server',
      '/api/v2/instance',
      '/.well-known/oauth-authorization-server',
    ]);
  });

  it('remembers a server that publishes no discovery, but not a discovery lost in transit', async () => {
    const none = setup({ status: 404 });
    expect((await none.cache.probe(none.ctx)).scopesSupported).toBeNull();
    await none.cache.probe(none.ctx);
    expect(none.stub.calls).toHaveLength(2);

    const lost = setup(new TypeError('fetch failed'));
    expect((await lost.cache.probe(lost.ctx)).scopesSupported).toBeNull();
    await lost.cache.probe(lost.ctx);
    expect(lost.stub.calls).toHaveLength(4);
  });

  it('a composer refresh of the limits keeps discovery with its own age: a day after discovery, a connect asks again', async () => {
    const { cache, ctx, stub, advance } = setup();
    await cache.probe(ctx);
    advance(20 * HOUR);
    await cache.limitsFor(ORIGIN, { refresh: true });
    advance(5 * HOUR);
    await cache.probe(ctx);
    // probe: instance + discovery; the composer's refresh: instance + NodeInfo (none here).
    expect(stub.calls.map((c) => c.path).slice(4)).toEqual(['/api/v2/instance', '/.well-known/oauth-authorization-server']);
  });

  it('a day after discovery, a connect waits for the server’s new answer, even when the composer refreshed the limits meanwhile', async () => {
    let scopes = ['read', 'write:media'];
    let now = 10 * HOUR;
    const stub = stubFetch({ 'GET /api/v2/instance': { json: INSTANCE }, 'GET /.well-known/oauth-authorization-server': () => ({ json: { scopes_supported: scopes } }) });
    const cache = createInstanceCache(memoryValue<InstanceCacheMap>({}), stub.fetch, () => now);
    const ctx = { origin: ORIGIN, fetch: stub.fetch };
    await cache.probe(ctx);
    now += 20 * HOUR;
    await cache.limitsFor(ORIGIN, { refresh: true });
    now += 4 * HOUR;
    scopes = ['read', 'write', 'profile'];
    // The discovery copy is exactly a day old now: too old to answer with.
    expect((await cache.probe(ctx)).scopesSupported).toEqual(['read', 'write', 'profile']);
  });

  it('a copy exactly an hour old answers at once and is refreshed behind', async () => {
    const { cache, ctx, stub, advance } = setup();
    await cache.probe(ctx);
    advance(HOUR);
    await cache.probe(ctx);
    expect(stub.calls).toHaveLength(4);
  });

  it('a copy a minute short of an hour answers alone', async () => {
    const { cache, ctx, stub, advance } = setup();
    await cache.probe(ctx);
    advance(HOUR - 60_000);
    await cache.probe(ctx);
    expect(stub.calls).toHaveLength(2);
  });

  it('a server that does not answer as an instance fails the probe and caches nothing', async () => {
    const stub = stubFetch({});
    const store = memoryValue<InstanceCacheMap>({});
    await expect(createInstanceCache(store, stub.fetch).probe({ origin: ORIGIN, fetch: stub.fetch })).rejects.toThrow();
    expect(await store.getValue()).toEqual({});
  });
});

describe('instance cache for the composer', () => {
  /** Stored as JSON and checked on every read, as the background's item does. */
  function checkedStore(): StoredValue<InstanceCacheMap> {
    let json = '{}';
    return {
      getValue: async () => checkInstances(JSON.parse(json)).value,
      setValue: async (value) => {
        json = JSON.stringify(value);
      },
    };
  }

  it('asks the instance and NodeInfo once: a composer opening again within the day asks nothing', async () => {
    const stub = stubFetch({
      'GET /api/v2/instance': { json: INSTANCE },
      'GET /.well-known/nodeinfo': { json: { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${ORIGIN}/nodeinfo/2.0` }] } },
      'GET /nodeinfo/2.0': { json: { version: '2.0', software: { name: 'gotosocial', version: '0.19.0' } } },
    });
    const cache = createInstanceCache(checkedStore(), stub.fetch, () => 10 * HOUR);
    const first = await cache.limitsFor(ORIGIN);
    // GoToSocial's own dialect, known from NodeInfo (the version string says 4.3.0).
    expect(first.profile.mutualsOnly).toBe(true);
    expect(await cache.limitsFor(ORIGIN)).toEqual(first);
    expect(await cache.limitsFor(ORIGIN)).toEqual(first);
    expect(stub.calls.map((c) => c.path)).toEqual(['/api/v2/instance', '/.well-known/nodeinfo', '/nodeinfo/2.0']);
  });

  it('remembers a server without NodeInfo too, and asks again for a damaged software entry', async () => {
    const stub = stubFetch({ 'GET /api/v2/instance': { json: INSTANCE } });
    const store = checkedStore();
    const cache = createInstanceCache(store, stub.fetch, () => 10 * HOUR);
    await cache.limitsFor(ORIGIN);
    await cache.limitsFor(ORIGIN);
    expect(stub.calls.map((c) => c.path)).toEqual(['/api/v2/instance', '/.well-known/nodeinfo']);
    const map = await store.getValue();
    await store.setValue({ ...map, [ORIGIN]: { ...map[ORIGIN]!, software: { name: 42 } as never } });
    expect((await store.getValue())[ORIGIN]?.info.limits.maxCharacters).toBe(1000);
    await cache.limitsFor(ORIGIN);
    expect(stub.calls.map((c) => c.path).slice(2)).toEqual(['/.well-known/nodeinfo']);
  });
});

it('a damaged instance entry is dropped without a word (it is simply asked for again); the others are kept', () => {
  const good = { info: { version: '4.3.0', limits: DEFAULT_LIMITS, mastodonApiVersion: 2 }, fetchedAt: 1, software: null };
  const checked = checkInstances({ [ORIGIN]: { info: 'broken' }, 'https://b.social': good });
  expect(checked.value).toEqual({ 'https://b.social': good });
  expect(checked.broken).toEqual([]);
});

describe('the composer after a connect', () => {
  it('asks only NodeInfo (the connect brought the limits), once, and keeps discovery beside it', async () => {
    const stub = stubFetch({
      'GET /api/v2/instance': { json: INSTANCE },
      'GET /.well-known/oauth-authorization-server': { json: { scopes_supported: ['read'] } },
      'GET /.well-known/nodeinfo': { json: { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${ORIGIN}/nodeinfo/2.0` }] } },
      'GET /nodeinfo/2.0': { json: { version: '2.0', software: { name: 'gotosocial', version: '0.19.0' } } },
    });
    const store = memoryValue<InstanceCacheMap>({});
    const cache = createInstanceCache(store, stub.fetch, () => 10 * HOUR);
    await cache.probe({ origin: ORIGIN, fetch: stub.fetch });
    expect((await cache.limitsFor(ORIGIN)).profile.mutualsOnly).toBe(true);
    expect((await cache.limitsFor(ORIGIN)).profile.mutualsOnly).toBe(true);
    expect(stub.calls.map((c) => c.path).slice(2)).toEqual(['/.well-known/nodeinfo', '/nodeinfo/2.0']);
    expect((await store.getValue())[ORIGIN]).toMatchObject({
      software: { name: 'gotosocial', version: '0.19.0' },
      discovery: { scopesSupported: ['read'] },
      info: { limits: { maxCharacters: 1000 } },
    });
  });
});

describe('custom emoji in the instance cache', () => {
  const EMOJI = [
    { shortcode: 'blobcat', url: 'https://a.social/e/blobcat.gif', static_url: 'https://a.social/e/blobcat.png', visible_in_picker: true },
    { shortcode: 'hidden', url: 'https://a.social/e/hidden.png', static_url: 'https://a.social/e/hidden.png', visible_in_picker: false },
  ];

  function emojiSetup() {
    let now = 10 * HOUR;
    const stub = stubFetch({
      'GET /api/v2/instance': { json: INSTANCE },
      'GET /.well-known/oauth-authorization-server': { json: { scopes_supported: ['read'] } },
      'GET /api/v1/custom_emojis': { json: EMOJI },
    });
    const store = memoryValue<InstanceCacheMap>({});
    const cache = createInstanceCache(store, stub.fetch, () => now);
    return { cache, stub, store, ctx: { origin: ORIGIN, fetch: stub.fetch }, advance: (ms: number) => (now += ms) };
  }

  it('asks once a day, keeps the still pictures of those shown in the picker, beside the limits', async () => {
    const { cache, stub, store, advance } = emojiSetup();
    expect(await cache.emojisFor(ORIGIN)).toEqual([{ shortcode: 'blobcat', url: 'https://a.social/e/blobcat.png' }]);
    expect(await cache.emojisFor(ORIGIN)).toHaveLength(1);
    expect(stub.calls.filter((c) => c.path === '/api/v1/custom_emojis')).toHaveLength(1);
    expect((await store.getValue())[ORIGIN]?.info.limits.maxCharacters).toBe(1000);
    advance(25 * HOUR);
    await cache.emojisFor(ORIGIN);
    expect(stub.calls.filter((c) => c.path === '/api/v1/custom_emojis')).toHaveLength(2);
  });

  it('asks again when the list is exactly a day old', async () => {
    const { cache, stub, advance } = emojiSetup();
    await cache.emojisFor(ORIGIN);
    advance(24 * HOUR);
    await cache.emojisFor(ORIGIN);
    expect(stub.calls.filter((c) => c.path === '/api/v1/custom_emojis')).toHaveLength(2);
  });

  it('a new list for an instance known from before asks for the emoji only, even when its limits are old', async () => {
    const { cache, stub, advance } = emojiSetup();
    await cache.emojisFor(ORIGIN);
    advance(25 * HOUR);
    await cache.emojisFor(ORIGIN);
    expect(stub.calls.map((c) => c.path)).toEqual(['/api/v1/custom_emojis', '/api/v2/instance', '/.well-known/nodeinfo', '/api/v1/custom_emojis']);
  });

  it('offline, an old list beats none; with none kept, the failure is the caller’s to show', async () => {
    let online = true;
    let now = 10 * HOUR;
    const stub = stubFetch({
      'GET /api/v2/instance': { json: INSTANCE },
      'GET /api/v1/custom_emojis': () => (online ? { json: EMOJI } : new TypeError('offline')),
    });
    const cache = createInstanceCache(memoryValue<InstanceCacheMap>({}), stub.fetch, () => now);
    await cache.emojisFor(ORIGIN);
    online = false;
    now += 25 * HOUR;
    expect(await cache.emojisFor(ORIGIN)).toEqual([{ shortcode: 'blobcat', url: 'https://a.social/e/blobcat.png' }]);
    await expect(cache.emojisFor('https://b.social')).rejects.toThrow(expect.objectContaining({ name: 'MastodonError', kind: 'network' }));
  });

  it('keeps the emoji when a connect asks for the instance again', async () => {
    const { cache, ctx, store } = emojiSetup();
    await cache.emojisFor(ORIGIN);
    await cache.probe(ctx);
    expect((await store.getValue())[ORIGIN]?.emojis).toEqual([{ shortcode: 'blobcat', url: 'https://a.social/e/blobcat.png' }]);
    expect((await store.getValue())[ORIGIN]?.discovery?.scopesSupported).toEqual(['read']);
  });
});
