import * as z from 'zod/mini';
import { checkRecord, field, stringField, type Checked } from './stored-check';
import { createUpdater, type StoredValue } from './stored-value';

/**
 * App registrations (client id/secret) per instance, cached in storage.local so that
 * connecting again to an instance never registers again. Keyed by origin + redirect
 * URI + scopes: a different browser (another redirect URI) or other scopes need an app
 * of their own (docs/architecture.md, "Storage items").
 */
export const RegistrationSchema = z.object({
  key: z.string(),
  origin: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  redirectUri: z.string(),
  scopes: z.string(),
  createdAt: field(z.number(), 0),
  /**
   * When the server last showed it knows this app (registered, checked, or a code
   * exchanged with it). Absent: never, or a sign-in with it failed since.
   */
  checkedAt: z.catch(z.optional(z.number()), undefined),
  /** Created by the person in the instance's settings, not by POST /api/v1/apps. */
  manual: field(z.boolean(), false),
});
export type Registration = z.infer<typeof RegistrationSchema>;
export type RegistrationMap = Record<string, Registration>;

/**
 * The stored registrations as the code may trust them. A broken one is left out and
 * reported by its instance (never its secret): the next connect registers anew.
 */
export function checkRegistrations(raw: unknown): Checked<RegistrationMap> {
  // Keys start with the origin: it names the instance even when the entry itself can't.
  const checked = checkRecord(raw, RegistrationSchema, (key, entry) => ({
    label: stringField(entry, 'origin') ?? (key.split(' ')[0] || null),
    text: null,
  }));
  // An entry filed under another key would never be found, and could shadow the real one.
  const value = Object.fromEntries(Object.entries(checked.value).filter(([key, registration]) => key === registration.key));
  return { value, broken: checked.broken };
}

export interface RegistrationTarget {
  origin: string;
  redirectUri: string;
  scopes: string;
}

export function registrationKey(target: RegistrationTarget): string {
  return `${target.origin} ${target.redirectUri} ${target.scopes}`;
}

export type Register = (target: RegistrationTarget) => Promise<{ clientId: string; clientSecret: string }>;

export interface RegistrationCache {
  /** The cached registration, or a new one; `fresh` tells which. */
  getOrRegister(target: RegistrationTarget): Promise<{ registration: Registration; fresh: boolean }>;
  get(key: string): Promise<Registration | undefined>;
  list(): Promise<Registration[]>;
  saveManual(target: RegistrationTarget, credentials: { clientId: string; clientSecret: string }): Promise<Registration>;
  /** The server just showed it knows the app (now), or it is in doubt (`false`). */
  markChecked(key: string, known: boolean): Promise<void>;
  drop(key: string): Promise<void>;
  dropAll(): Promise<void>;
}

export function createRegistrationCache(
  store: StoredValue<RegistrationMap>,
  register: Register,
  now: () => number = Date.now,
): RegistrationCache {
  const update = createUpdater(store);
  // Concurrent connects to one instance share one POST /api/v1/apps.
  const inFlight = new Map<string, Promise<{ registration: Registration; fresh: boolean }>>();

  const save = async (target: RegistrationTarget, credentials: { clientId: string; clientSecret: string }, manual: boolean) => {
    const registration: Registration = {
      key: registrationKey(target),
      ...target,
      ...credentials,
      createdAt: now(),
      // A manual app is checked by its caller; a new one is known by its very creation.
      ...(manual ? {} : { checkedAt: now() }),
      manual,
    };
    await update((map) => ({ ...map, [registration.key]: registration }));
    return registration;
  };

  const get = async (key: string) => (await store.getValue())[key];

  return {
    get,
    async list() {
      return Object.values(await store.getValue()).sort((a, b) => a.createdAt - b.createdAt);
    },
    getOrRegister(target) {
      const key = registrationKey(target);
      const running = inFlight.get(key);
      if (running) return running;
      const flight = (async () => {
        const cached = await get(key);
        if (cached) return { registration: cached, fresh: false };
        return { registration: await save(target, await register(target), false), fresh: true };
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, flight);
      return flight;
    },
    saveManual: (target, credentials) => save(target, credentials, true),
    async markChecked(key, known) {
      await update((map) => {
        const registration = map[key];
        if (!registration) return map;
        const { checkedAt: _old, ...rest } = registration;
        return { ...map, [key]: known ? { ...rest, checkedAt: now() } : rest };
      });
    },
    async drop(key) {
      await update(({ [key]: _dropped, ...rest }) => rest);
    },
    async dropAll() {
      await update(() => ({}));
    },
  };
}
