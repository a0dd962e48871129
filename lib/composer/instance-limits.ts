import type { ClientContext } from '../mastodon/context';
import { DEFAULT_LIMITS, fetchInstance, type InstanceInfo } from '../mastodon/instance';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  fetchedAt: number;
}
export type InstanceCacheMap = Record<string, CachedInstance>;

/** Limits change rarely; a day-old copy is fine unless the person switches account. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface InstanceLimits {
  limits: Limits;
  /** The instance could not be asked and nothing was cached: Mastodon's defaults. */
  defaults: boolean;
  /** `api_versions.mastodon` (0: none, or unknown). */
  mastodonApiVersion: number;
}

const known = (info: InstanceInfo): InstanceLimits => ({ limits: info.limits, defaults: false, mastodonApiVersion: info.mastodonApiVersion ?? 0 });

export function createInstanceCache(
  store: StoredValue<InstanceCacheMap>,
  fetch: typeof globalThis.fetch,
  now: () => number = Date.now,
) {
  const update = createUpdater(store);
  return {
    /** The instance's limits: cached, or asked for (always, with `refresh`). */
    async limitsFor(origin: string, options: { refresh?: boolean } = {}): Promise<InstanceLimits> {
      const cached = (await store.getValue())[origin];
      // A copy cached before the API version was kept is asked for again once.
      const fresh = cached && cached.info.mastodonApiVersion !== undefined && now() - cached.fetchedAt < MAX_AGE_MS;
      if (cached && fresh && !options.refresh) return known(cached.info);
      const ctx: ClientContext = { origin, fetch };
      try {
        const info = await fetchInstance(ctx);
        await update((map) => ({ ...map, [origin]: { info, fetchedAt: now() } }));
        return known(info);
      } catch {
        // Offline or the server is down: an old answer beats a guess.
        return cached ? known(cached.info) : { limits: DEFAULT_LIMITS, defaults: true, mastodonApiVersion: 0 };
      }
    },
  };
}
export type InstanceCache = ReturnType<typeof createInstanceCache>;
