import { browser } from 'wxt/browser';

/**
 * One versioned value in browser storage: what the project used of WXT's storage
 * (`storage.defineItem`), in the same format, so every value stored so far reads as it
 * was: the value under its key, `{ v: version }` under the key and `$`. WXT's whole
 * storage layer (≈ 8 KB minified, with a lock library for an `init` option nobody
 * uses) was the largest part of the service worker after zod and the OAuth client, and
 * the options page shipped it too for one item.
 *
 * As there: migrations run once when the item is defined (at start-up), from the stored
 * version (a value without one is version 1) up to `version`, and every read or write
 * waits for them; a failed migration is logged and the value left as it was.
 */
export interface StorageItem<T> {
  /** The stored value, or the fallback when there is none. */
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Called with the new and old value (or the fallback) whenever another write changes it. */
  watch(listener: (value: T, old: T) => void): () => void;
  /** Runs the migrations over what is stored now (they ran at definition already). */
  migrate(): Promise<void>;
  getMeta(): Promise<{ v?: number }>;
}

export interface StorageItemOptions<T> {
  fallback: T;
  version: number;
  /** Version → the value at that version, from the value one version below. */
  migrations?: Record<number, (old: never) => unknown>;
}

type Area = 'local' | 'session';

export function defineItem<T>(areaAndKey: `${Area}:${string}`, options: StorageItemOptions<T>): StorageItem<T> {
  const [area, key] = areaAndKey.split(':') as [Area, string];
  const metaKey = `${key}$`;
  const storage = () => browser.storage[area];
  const orFallback = (value: unknown) => (value ?? options.fallback) as T;
  /** A first write of an item that never had a value records its version with it. */
  let versionUnset = false;

  async function migrate(): Promise<void> {
    const { [key]: value, [metaKey]: meta } = (await storage().get([key, metaKey])) as Record<string, { v?: number } | undefined>;
    versionUnset = value == null && meta?.v == null;
    if (value == null) return;
    const current = meta?.v ?? 1;
    if (current > options.version) throw new Error(`Version downgrade detected (v${current} -> v${options.version}) for "${areaAndKey}"`);
    if (current === options.version) return;
    let migrated: unknown = value;
    for (let version = current + 1; version <= options.version; version++) {
      migrated = (await options.migrations?.[version]?.(migrated as never)) ?? migrated;
    }
    await storage().set({ [key]: migrated, [metaKey]: { ...meta, v: options.version } });
  }

  const migrated = options.migrations
    ? migrate().catch((error: unknown) => console.error(`Migration failed for ${areaAndKey}`, error))
    : Promise.resolve();

  return {
    async getValue() {
      await migrated;
      return orFallback((await storage().get(key))[key]);
    },
    async setValue(value) {
      await migrated;
      const version = versionUnset ? { [metaKey]: { v: options.version } } : {};
      versionUnset = false;
      if (value == null) await storage().remove(key);
      else await storage().set({ [key]: value, ...version });
    },
    watch(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => {
        const change = changes[key];
        // A write of an equal value is no change (WXT compared deeply; JSON is enough for stored data).
        if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
        listener(orFallback(change.newValue), orFallback(change.oldValue));
      };
      storage().onChanged.addListener(onChanged);
      return () => storage().onChanged.removeListener(onChanged);
    },
    migrate,
    async getMeta() {
      await migrated;
      return ((await storage().get(metaKey))[metaKey] ?? {}) as { v?: number };
    },
  };
}
