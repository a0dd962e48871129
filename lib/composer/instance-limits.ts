import type { ClientContext } from '../mastodon/context';
import * as z from 'zod/mini';
import { fetchAuthServerMetadata } from '../mastodon/discovery';
import { DEFAULT_LIMITS, fetchInstance, InstanceInfoSchema, type InstanceInfo } from '../mastodon/instance';
import { fetchCustomEmojis, type CustomEmoji } from '../mastodon/search';
import { fetchSoftware, type Software } from '../mastodon/nodeinfo';
import { MASTODON_PROFILE, serverProfile, type ServerProfile } from '../server-profile';
import { checkQuietRecord, type Checked } from '../stored-check';
import { createUpdater, type StoredValue } from '../stored-value';
import type { Limits } from './rules';

export interface CachedInstance {
  info: InstanceInfo;
  fetchedAt: number;
  /** NodeInfo's software (null: the server has none); absent until the composer first asked. */
  software?: Software | null;
  /**
   * Discovery's `scopes_supported` (RFC 8414), asked together with the instance by a
   * connect (`null`: the server publishes none); absent when only the composer asked.
   */
  discovery?: { scopesSupported: string[] | null; fetchedAt: number };
  /** The instance's custom emoji, asked for the first time the person types `:`. */
  emojis?: CustomEmoji[];
  emojisFetchedAt?: number;
}
export type InstanceCacheMap = Record<string, CachedInstance>;

const CachedInstanceSchema = z.object({
  info: InstanceInfoSchema,
  fetchedAt: z.number(),
  // Left out, the check dropped it on every read: each composer opening asked NodeInfo
  // again (two requests before the text box showed). A damaged one is asked for again.
  software: z.catch(z.optional(z.nullable(z.object({ name: z.string(), version: z.string() }))), undefined),
  discovery: z.catch(z.optional(z.object({ scopesSupported: z.nullable(z.array(z.string())), fetchedAt: z.number() })), undefined),
  // A damaged emoji list is asked for again, like a damaged entry.
  emojis: z.catch(z.optional(z.array(z.object({ shortcode: z.string(), url: z.string() }))), undefined),
  emojisFetchedAt: z.catch(z.optional(z.number()), undefined),
});

/** A cache: a damaged entry is simply asked for again, nobody needs to hear of it. */
export function checkInstances(raw: unknown): Checked<InstanceCacheMap> {
  return { value: checkQuietRecord(raw, CachedInstanceSchema), broken: [] };
}

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
  /** What the server is and does, detected with its limits. */
  profile: ServerProfile;
  /** `api_versions.mastodon` (0: none, or unknown). */
  mastodonApiVersion: number;
}

const fromCache = (cached: CachedInstance): InstanceLimits => ({
  limits: cached.info.limits,
  defaults: false,
  profile: serverProfile(cached.software ?? null, cached.info.version),
  mastodonApiVersion: cached.info.mastodonApiVersion ?? 0,
});

/** NodeInfo names the software (DESIGN §9); a server without it is known by its version string. */
const askSoftware = (ctx: ClientContext) => fetchSoftware(ctx).catch(() => null);

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

  /** Instance answer and discovery, side by side; a failed instance answer is thrown. */
  const askServer = async (ctx: ClientContext): Promise<InstanceProbe> => {
    const [instance, metadata] = await Promise.allSettled([fetchInstance(ctx), fetchAuthServerMetadata(ctx)]);
    if (instance.status === 'rejected') throw instance.reason;
    const scopesSupported = metadata.status === 'fulfilled' ? (metadata.value?.scopes_supported ?? null) : null;
    const fetchedAt = now();
    // A discovery that failed in transit is not "publishes none": not kept for next time.
    const discovery = metadata.status === 'fulfilled' ? { scopesSupported, fetchedAt } : undefined;
    // Keeps the software the composer found out (a connect does not ask NodeInfo).
    await update((map) => ({ ...map, [ctx.origin]: { ...map[ctx.origin], info: instance.value, fetchedAt, discovery } }));
    return { info: instance.value, scopesSupported };
  };

  return {
    /** The instance's limits and profile: cached, or asked for (always, with `refresh`). */
    async limitsFor(origin: string, options: { refresh?: boolean } = {}): Promise<InstanceLimits> {
      const cached = (await store.getValue())[origin];
      // A copy cached before the API version was kept is asked for again once.
      const versionKnown = cached?.info.mastodonApiVersion !== undefined;
      const ctx: ClientContext = { origin, fetch };
      if (cached && versionKnown && !options.refresh && now() - cached.fetchedAt < MAX_AGE_MS) {
        if (cached.software !== undefined) return fromCache(cached);
        // A connect left the limits fresh but never asked who the server is: asked once, now.
        const software = await askSoftware(ctx);
        await update((map) => ({ ...map, [origin]: { ...cached, ...map[origin], software } }));
        return fromCache({ ...cached, software });
      }
      try {
        const [info, software] = await Promise.all([fetchInstance(ctx), askSoftware(ctx)]);
        // Keeps what discovery said (with its own age): the composer asks for the limits and the software.
        await update((map) => ({ ...map, [origin]: { ...map[origin], info, software, fetchedAt: now() } }));
        return fromCache({ info, software, fetchedAt: now() });
      } catch {
        // Offline or the server is down: an old answer beats a guess.
        return cached ? fromCache(cached) : { limits: DEFAULT_LIMITS, defaults: true, profile: MASTODON_PROFILE, mastodonApiVersion: 0 };
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
