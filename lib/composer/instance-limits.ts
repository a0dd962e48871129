import type { ClientContext } from '../mastodon/context';
import * as z from 'zod/mini';
import { DEFAULT_LIMITS, fetchInstance, InstanceInfoSchema, type InstanceInfo } from '../mastodon/instance';
import { checkRecord, type Checked } from '../stored-check';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  fetchedAt: number;
}
export type InstanceCacheMap = Record<string, CachedInstance>;

const CachedInstanceSchema = z.object({ info: InstanceInfoSchema, fetchedAt: z.number() });

/** A cache: a damaged entry is simply asked for again, nobody needs to hear of it. */
export function checkInstances(raw: unknown): Checked<InstanceCacheMap> {
  return { value: checkRecord(raw, CachedInstanceSchema, () => ({ label: null, text: null })).value, broken: [] };
}

/** Limits change rarely; a day-old copy is fine unless the person switches account. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface InstanceLimits {
  limits: Limits;
  /** The instance could not be asked and nothing was cached: Mastodon's defaults. */
  defaults: boolean;
}

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
      if (cached && !options.refresh && now() - cached.fetchedAt < MAX_AGE_MS) return { limits: cached.info.limits, defaults: false };
      const ctx: ClientContext = { origin, fetch };
      try {
        const info = await fetchInstance(ctx);
        await update((map) => ({ ...map, [origin]: { info, fetchedAt: now() } }));
        return { limits: info.limits, defaults: false };
      } catch {
        // Offline or the server is down: an old answer beats a guess.
        return cached ? { limits: cached.info.limits, defaults: false } : { limits: DEFAULT_LIMITS, defaults: true };
      }
    },
  };
}
export type InstanceCache = ReturnType<typeof createInstanceCache>;
