import { describe, expect, it } from 'vitest';
import { createInstanceCache, type InstanceCacheMap } from '@/lib/composer/instance-limits';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import { MASTODON_PROFILE } from '@/lib/server-profile';
import { memoryValue } from '@/lib/stored-value';
import { stubFetch } from '../helpers/stub-fetch';

const origin = 'https://x.social';
const DAY = 24 * 60 * 60 * 1000;

function setup() {
  let maxCharacters = 1000;
  let online = true;
  const { fetch, calls } = stubFetch({
    'GET /api/v2/instance': () =>
      online ? { json: { domain: 'x.social', configuration: { statuses: { max_characters: maxCharacters } } } } : new TypeError('offline'),
    'GET /api/v1/instance': () => (online ? { status: 404, json: {} } : new TypeError('offline')),
  });
  let clock = 0;
  const store = memoryValue<InstanceCacheMap>({});
  const cache = createInstanceCache(store, fetch, () => clock);
  return {
    cache,
    store,
    asked: () => calls.filter((c) => c.path === '/api/v2/instance').length,
    set: (patch: { maxCharacters?: number; online?: boolean; clock?: number }) => {
      maxCharacters = patch.maxCharacters ?? maxCharacters;
      online = patch.online ?? online;
      clock = patch.clock ?? clock;
    },
  };
}

describe('instance limits, cached for a day', () => {
  it('asks the instance once and keeps its answer with the time', async () => {
    const h = setup();
    // No version and no NodeInfo: Mastodon's traits.
    expect(await h.cache.limitsFor(origin)).toEqual({ limits: expect.objectContaining({ maxCharacters: 1000 }), defaults: false, profile: MASTODON_PROFILE, mastodonApiVersion: 0 });
    h.set({ maxCharacters: 2000, clock: DAY - 1 });
    expect((await h.cache.limitsFor(origin)).limits.maxCharacters).toBe(1000);
    expect(h.asked()).toBe(1);
    expect((await h.store.getValue())[origin]).toMatchObject({ fetchedAt: 0, info: { limits: { maxCharacters: 1000 } } });
  });

  it('asks again once the copy is a day old, and when told to refresh', async () => {
    const h = setup();
    await h.cache.limitsFor(origin);
    h.set({ maxCharacters: 2000, clock: DAY });
    expect((await h.cache.limitsFor(origin)).limits.maxCharacters).toBe(2000);
    expect((await h.store.getValue())[origin]!.fetchedAt).toBe(DAY);
    h.set({ maxCharacters: 3000 });
    expect((await h.cache.limitsFor(origin)).limits.maxCharacters).toBe(2000);
    expect((await h.cache.limitsFor(origin, { refresh: true })).limits.maxCharacters).toBe(3000);
    expect(h.asked()).toBe(3);
  });

  it('offline, an old copy beats a guess; with none, Mastodon’s defaults, said to be defaults', async () => {
    const h = setup();
    h.set({ online: false });
    expect(await h.cache.limitsFor(origin)).toEqual({ limits: DEFAULT_LIMITS, defaults: true, profile: MASTODON_PROFILE, mastodonApiVersion: 0 });
    h.set({ online: true });
    await h.cache.limitsFor(origin);
    h.set({ online: false, clock: 5 * DAY });
    expect(await h.cache.limitsFor(origin)).toEqual({ limits: expect.objectContaining({ maxCharacters: 1000 }), defaults: false, profile: MASTODON_PROFILE, mastodonApiVersion: 0 });
  });

  it('a copy kept before the API version was is asked for again once, though younger than a day', async () => {
    const h = setup();
    // What an older Fedipost stored: limits and software, no mastodonApiVersion.
    await h.store.setValue({ [origin]: { info: { version: '4.2.0', limits: { ...DEFAULT_LIMITS, maxCharacters: 700 } }, fetchedAt: 0, software: null } });
    h.set({ clock: 1000 });
    expect(await h.cache.limitsFor(origin)).toMatchObject({ limits: { maxCharacters: 1000 }, mastodonApiVersion: 0 });
    expect(h.asked()).toBe(1);
    expect((await h.store.getValue())[origin]).toMatchObject({ fetchedAt: 1000, info: { mastodonApiVersion: 0 } });
    await h.cache.limitsFor(origin);
    expect(h.asked()).toBe(1);
  });

  it('keeps each instance apart', async () => {
    const h = setup();
    await h.cache.limitsFor(origin);
    await h.cache.limitsFor('https://y.social');
    expect(Object.keys(await h.store.getValue()).sort()).toEqual([origin, 'https://y.social']);
  });
});
