/**
 * The one thing lib/ needs of storage: a single value that can be read and written.
 * WXT's storage items satisfy it (in the background); tests pass an
 * in-memory one or WXT items over the fake browser.
 */
export interface StoredValue<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * Read-modify-write of a stored value, serialised per value: two concurrent updates
 * (say, registrations for two instances) must not lose one another.
 */
export function createUpdater<T>(store: StoredValue<T>): (change: (current: T) => T) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (change) => {
    const next = queue.then(async () => {
      const updated = change(await store.getValue());
      await store.setValue(updated);
      return updated;
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/** A StoredValue kept in memory: for tests and for state that must not persist. */
export function memoryValue<T>(initial: T): StoredValue<T> {
  let value = structuredClone(initial);
  return {
    getValue: async () => structuredClone(value),
    setValue: async (next) => {
      value = structuredClone(next);
    },
  };
}
