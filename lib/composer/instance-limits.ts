import type { ClientContext } from '../mastodon/context';
import { DEFAULT_LIMITS, fetchInstance, type InstanceInfo } from '../mastodon/instance';
import { fetchSoftware, type Software } from '../mastodon/nodeinfo';
import { MASTODON_PROFILE, serverProfile, type ServerProfile } from '../server-profile';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  /** NodeInfo's software; null when the server has none (absent in caches from before it was read). */
  software?: Software | null;
  fetchedAt: number;
}
export type InstanceCacheMap = Record<string, CachedInstance>;

/** Limits change rarely; a day-old copy is fine unless the person switches account. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface InstanceLimits {
  limits: Limits;
  /** The instance could not be asked and nothing was cached: Mastodon's defaults. */
  defaults: boolean;
  /** What the server is and does, detected with its limits. */
  profile: ServerProfile;
}

const fromCache = (cached: CachedInstance): InstanceLimits => ({
  limits: cached.info.limits,
  defaults: false,
  profile: serverProfile(cached.software ?? null, cached.info.version),
});

export function createInstanceCache(
  store: StoredValue<InstanceCacheMap>,
  fetch: typeof globalThis.fetch,
  now: () => number = Date.now,
) {
  const update = createUpdater(store);
  return {
    /** The instance's limits and profile: cached, or asked for (always, with `refresh`). */
    async limitsFor(origin: string, options: { refresh?: boolean } = {}): Promise<InstanceLimits> {
      const cached = (await store.getValue())[origin];
      if (cached && !options.refresh && now() - cached.fetchedAt < MAX_AGE_MS) return fromCache(cached);
      const ctx: ClientContext = { origin, fetch };
      try {
        // NodeInfo names the software (DESIGN §9); asked once, beside the limits.
        const [info, software] = await Promise.all([fetchInstance(ctx), fetchSoftware(ctx).catch(() => null)]);
        const entry: CachedInstance = { info, software, fetchedAt: now() };
        await update((map) => ({ ...map, [origin]: entry }));
        return fromCache(entry);
      } catch {
        // Offline or the server is down: an old answer beats a guess.
        return cached ? fromCache(cached) : { limits: DEFAULT_LIMITS, defaults: true, profile: MASTODON_PROFILE };
      }
    },
  };
}
export type InstanceCache = ReturnType<typeof createInstanceCache>;
