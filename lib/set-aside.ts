import * as z from 'zod/mini';
import type { BrokenEntry, Checked } from './stored-check';
import { createUpdater, type StoredValue } from './stored-value';

/** The stored items whose broken entries are set aside and shown to the person. */
export const CHECKED_ITEMS = ['accounts', 'registrations', 'drafts'] as const;
export type CheckedItemName = (typeof CHECKED_ITEMS)[number];

const SetAsideEntrySchema = z.object({
  /** item, key and fingerprint: the same damage is noted once, even after dismissing. */
  id: z.string(),
  item: z.enum(CHECKED_ITEMS),
  /** '' when the whole item could not be read. */
  key: z.string(),
  label: z.nullable(z.string()),
  text: z.nullable(z.string()),
  at: z.number(),
  /** The person has seen it: kept (without its text) only so it is not noted again. */
  dismissed: z.boolean(),
});
export type SetAsideEntry = z.infer<typeof SetAsideEntrySchema>;

/** Notes kept at most; the oldest dismissed ones go first. */
const MAX_ENTRIES = 50;

/** The log itself is checked too: a broken note is only dropped. */
function readLog(raw: unknown): SetAsideEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = SetAsideEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createSetAsideLog(store: StoredValue<unknown>, now: () => number = Date.now) {
  const update = createUpdater(store);
  return {
    /** Notes what a read found broken (once per distinct damage). */
    async record(item: CheckedItemName, broken: readonly BrokenEntry[]): Promise<void> {
      if (broken.length === 0) return;
      await update((raw) => {
        const log = readLog(raw);
        const known = new Set(log.map((entry) => entry.id));
        const added = broken
          .map(({ key, label, text, fingerprint }) => ({ id: `${item}:${key}:${fingerprint}`, item, key, label, text, at: now(), dismissed: false }))
          .filter((entry) => !known.has(entry.id));
        if (added.length === 0) return log;
        const all = [...log, ...added];
        while (all.length > MAX_ENTRIES) {
          const oldest = all.findIndex((entry) => entry.dismissed);
          all.splice(oldest < 0 ? 0 : oldest, 1);
        }
        return all;
      });
    },

    /** What the person has not dismissed yet, oldest first. */
    async list(): Promise<SetAsideEntry[]> {
      return readLog(await store.getValue()).filter((entry) => !entry.dismissed);
    },

    /** Seen: its text is forgotten, its id kept so the same damage is not noted again. */
    async dismiss(id: string): Promise<void> {
      await update((raw) => readLog(raw).map((entry) => (entry.id === id ? { ...entry, text: null, dismissed: true } : entry)));
    },
  };
}
export type SetAsideLog = ReturnType<typeof createSetAsideLog>;

/**
 * A stored value read through its check: every read gets a value the code can trust,
 * and whatever had to be left out is noted in the log before the read returns (the next
 * write of the item drops it from storage, so it must be noted first).
 */
export function checkedValue<T>(
  store: StoredValue<unknown>,
  check: (raw: unknown) => Checked<T>,
  setAside?: { log: SetAsideLog; item: CheckedItemName },
): StoredValue<T> {
  return {
    async getValue() {
      const { value, broken } = check(await store.getValue());
      if (setAside) await setAside.log.record(setAside.item, broken);
      return value;
    },
    setValue: (value) => store.setValue(value),
  };
}
