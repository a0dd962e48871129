import * as z from 'zod/mini';

/**
 * Reading stored values without trusting them: storage can hold what an older version
 * wrote, what a bug or a crash mid-write left, or what someone typed into the devtools.
 * Each entry is checked on its own, so one broken entry never takes the others (or the
 * popup) with it; what could not be read is reported, to be set aside and shown.
 */

/** A field that is missing or malformed reads as `fallback`; the entry is kept. */
export function field<T extends z.core.SomeType>(schema: T, fallback: z.output<T>) {
  return z.catch(z._default(schema, fallback as never), fallback as never);
}

/** An array whose broken elements are left out rather than failing the whole. */
export function lenientArray<T>(schema: z.ZodMiniType<T>) {
  return z.catch(
    z._default(
      z.pipe(
        z.array(z.unknown()),
        z.transform((items) => items.flatMap((item) => {
          const parsed = schema.safeParse(item);
          return parsed.success ? [parsed.data] : [];
        })),
      ),
      [],
    ),
    [],
  );
}

/** Something stored that could not be read. Only what the person may see of it: never secrets. */
export interface BrokenEntry {
  /** The entry's key in its item (a draft id, an account's position); '' for the whole item. */
  key: string;
  /** What names it for the person: an account id, an instance. */
  label: string | null;
  /** Words the person wrote that can be copied back (a draft's text). */
  text: string | null;
  /** A fingerprint of what was stored, so the same damage is reported once. */
  fingerprint: string;
}

export interface Checked<T> {
  value: T;
  broken: BrokenEntry[];
}

export type Describe = (key: string, raw: unknown) => { label: string | null; text: string | null };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function brokenEntry(key: string, raw: unknown, describe: Describe): BrokenEntry {
  return { key, ...describe(key, raw), fingerprint: fingerprint(raw) };
}

/**
 * A map of entries (drafts by id, registrations by key), each checked on its own.
 * Absent (never written) reads as empty; anything but an object is broken as a whole.
 */
export function checkRecord<T>(raw: unknown, schema: z.ZodMiniType<T>, describe: Describe): Checked<Record<string, T>> {
  if (raw === null || raw === undefined) return { value: {}, broken: [] };
  if (!isRecord(raw)) return { value: {}, broken: [brokenEntry('', raw, describe)] };
  const value: Record<string, T> = {};
  const broken: BrokenEntry[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) value[key] = parsed.data;
    else broken.push(brokenEntry(key, entry, describe));
  }
  return { value, broken };
}

/**
 * A map of entries whose damaged ones are left out with nothing to report: what they held
 * is asked for or made again (a cache, an outcome kept for a lost answer, a sign-in under
 * way, a list of posts that stay on the server).
 */
export function checkQuietRecord<T>(raw: unknown, schema: z.ZodMiniType<T>): Record<string, T> {
  return checkRecord(raw, schema, () => ({ label: null, text: null })).value;
}

/** A string field of a broken entry, if it has one that is a string. */
export function stringField(raw: unknown, name: string): string | null {
  return isRecord(raw) && typeof raw[name] === 'string' ? raw[name] : null;
}

/** FNV-1a over the JSON of the value: enough to tell one damage from another. */
function fingerprint(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}
