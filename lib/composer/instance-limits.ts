import type { ClientContext } from '../mastodon/context';
import { fetchAuthServerMetadata } from '../mastodon/discovery';
import { DEFAULT_LIMITS, fetchInstance, type InstanceInfo } from '../mastodon/instance';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  fetchedAt: number;
  /**
   * Discovery's `scopes_supported` (RFC 8414), asked together with the instance by a
   * connect (`null`: the server publishes none); absent when only the composer asked.
   */
  discovery?: { scopesSupported: string[] | null; fetchedAt: number };
}
export type InstanceCacheMap = Record<string, CachedInstance>;

/**
 * Limits, version and scopes change rarely (an upgrade, an admin's setting): a copy
 * younger than a day is used without asking, which is what makes a repeat connect and
 * an opening composer free of round trips.
 */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** After this, a connect still uses the copy but asks again once it is done (no waiting). */
const REFRESH_AFTER_MS = 60 * 60 * 1000;

export interface InstanceLimits {
  limits: Limits;
  /** The instance could not be asked and nothing was cached: Mastodon's defaults. */
  defaults: boolean;
}

/** What a connect needs to know about a server before it registers or signs in. */
export interface InstanceProbe {
  info: InstanceInfo;
  scopesSupported: string[] | null;
}

export function createInstanceCache(
  store: StoredValue<InstanceCacheMap>,
  fetch: typeof globalThis.fetch,
  now: () => number = Date.now,
) {
  const update = createUpdater(store);
  const save = (origin: string, entry: CachedInstance) => update((map) => ({ ...map, [origin]: entry }));

  /** Instance answer and discovery, side by side; a failed instance answer is thrown. */
  const askServer = async (ctx: ClientContext): Promise<InstanceProbe> => {
    const [instance, metadata] = await Promise.allSettled([fetchInstance(ctx), fetchAuthServerMetadata(ctx)]);
    if (instance.status === 'rejected') throw instance.reason;
    const scopesSupported = metadata.status === 'fulfilled' ? (metadata.value?.scopes_supported ?? null) : null;
    const fetchedAt = now();
    // A discovery that failed in transit is not "publishes none": not kept for next time.
    const discovery = metadata.status === 'fulfilled' ? { scopesSupported, fetchedAt } : undefined;
    await save(ctx.origin, { info: instance.value, fetchedAt, discovery });
    return { info: instance.value, scopesSupported };
  };

  return {
    /** The instance's limits: cached, or asked for (always, with `refresh`). */
    async limitsFor(origin: string, options: { refresh?: boolean } = {}): Promise<InstanceLimits> {
      const cached = (await store.getValue())[origin];
      if (cached && !options.refresh && now() - cached.fetchedAt < MAX_AGE_MS) return { limits: cached.info.limits, defaults: false };
      const ctx: ClientContext = { origin, fetch };
      try {
        const info = await fetchInstance(ctx);
        // Keeps what discovery said (with its own age): the composer asks only for the limits.
        await update((map) => ({ ...map, [origin]: { ...map[origin], info, fetchedAt: now() } }));
        return { limits: info.limits, defaults: false };
      } catch {
        // Offline or the server is down: an old answer beats a guess.
        return cached ? { limits: cached.info.limits, defaults: false } : { limits: DEFAULT_LIMITS, defaults: true };
      }
    },

    /**
     * For a connect: the instance answer and discovery, from a copy younger than a day
     * that holds both, else from the server. A copy older than an hour is asked for
     * again in the background, so the next connect finds a fresh one without waiting.
     */
    async probe(ctx: ClientContext): Promise<InstanceProbe> {
      const cached = (await store.getValue())[ctx.origin];
      if (cached?.discovery) {
        const age = now() - Math.min(cached.fetchedAt, cached.discovery.fetchedAt);
        if (age < MAX_AGE_MS) {
          // Nobody waits for it: failing only means the copy ages on.
          if (age >= REFRESH_AFTER_MS) void askServer(ctx).catch(() => undefined);
          return { info: cached.info, scopesSupported: cached.discovery.scopesSupported };
        }
      }
      return askServer(ctx);
    },
  };
}
export type InstanceCache = ReturnType<typeof createInstanceCache>;
