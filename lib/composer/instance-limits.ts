import type { ClientContext } from '../mastodon/context';
import { DEFAULT_LIMITS, fetchInstance, type InstanceInfo } from '../mastodon/instance';
import { fetchCustomEmojis, type CustomEmoji } from '../mastodon/search';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  fetchedAt: number;
  /** The instance's custom emoji, asked for the first time the person types `:`. */
  emojis?: CustomEmoji[];
  emojisFetchedAt?: number;
}
export type InstanceCacheMap = Record<string, CachedInstance>;

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

    /**
     * The instance's custom emoji, kept with its limits and refreshed as rarely; an old
     * list beats none when the instance can't be asked. Throws only when nothing is cached.
     */
    async emojisFor(origin: string): Promise<CustomEmoji[]> {
      const cached = (await store.getValue())[origin];
      if (cached?.emojis && cached.emojisFetchedAt !== undefined && now() - cached.emojisFetchedAt < MAX_AGE_MS) return cached.emojis;
      try {
        const emojis = await fetchCustomEmojis({ origin, fetch });
        if (!cached) await this.limitsFor(origin);
        await update((map) => (map[origin] ? { ...map, [origin]: { ...map[origin], emojis, emojisFetchedAt: now() } } : map));
        return emojis;
      } catch (error) {
        if (cached?.emojis) return cached.emojis;
        throw error;
      }
    },
  };
}
export type InstanceCache = ReturnType<typeof createInstanceCache>;
