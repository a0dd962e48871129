import * as z from 'zod/mini';
import { field } from './stored-check';
import { VISIBILITIES } from './mastodon/accounts';
import { CREDIT_MODES, type CreditMode } from './share/credit';

/** How the composer's counter reads: "12 left" or "488 / 500". */
export const COUNTER_STYLES = ['remaining', 'used'] as const;
export type CounterStyle = (typeof COUNTER_STYLES)[number];

/**
 * What a shared page becomes. Each placeholder sits on a line of its own so that an empty
 * one (no selection, an untitled page) drops its line, quotes included, and nothing else.
 */
export const DEFAULT_SHARE_TEMPLATE = '“{selection}”\n\n{title}\n{url}\n{author}';

/**
 * The default before `{author}` existed. The options page stores the whole settings object
 * whenever anything changes, so many people "have" this template without having chosen it:
 * it reads as today's default.
 */
const DEFAULT_SHARE_TEMPLATE_BEFORE_AUTHOR = '“{selection}”\n\n{title}\n{url}';

/** Undo keeps the posted draft's files meanwhile: a few minutes at most. */
export const MAX_UNDO_SECONDS = 300;

export const DEFAULT_SETTINGS = {
  shareTemplate: DEFAULT_SHARE_TEMPLATE,
  defaultVisibility: null,
  defaultLanguage: null,
  defaultLocalOnly: false,
  defaultFormat: null,
  stripTracking: true,
  counterStyle: 'remaining',
  undoSeconds: 30,
  altTextReminder: true,
  authorCredit: 'text',
  crosspostDefault: [],
} as const satisfies Settings;

/** The formats a default may name; each server offers a subset (lib/server-profile.ts). */
export const DEFAULT_FORMATS = ['text/markdown'] as const;

export const SettingsSchema = z.object({
  shareTemplate: field(z.string(), DEFAULT_SETTINGS.shareTemplate),
  /** null: each account's own default (`source.privacy`). */
  defaultVisibility: field(z.nullable(z.enum(VISIBILITIES)), DEFAULT_SETTINGS.defaultVisibility),
  /** null: the account's language, else the browser's. ISO 639 code, as Mastodon takes it. */
  defaultLanguage: field(z.nullable(z.string().check(z.regex(/^[a-z]{2,3}$/))), DEFAULT_SETTINGS.defaultLanguage),
  /** New drafts start local-only, where the account's server offers it (GoToSocial, Pleroma/Akkoma). */
  defaultLocalOnly: field(z.boolean(), DEFAULT_SETTINGS.defaultLocalOnly),
  /** New drafts start in this format, where the server reads it; null: plain text. */
  defaultFormat: field(z.nullable(z.enum(DEFAULT_FORMATS)), DEFAULT_SETTINGS.defaultFormat),
  /** Remove tracking parameters (utm_*, fbclid, …) from URLs put into a draft. */
  stripTracking: field(z.boolean(), DEFAULT_SETTINGS.stripTracking),
  counterStyle: field(z.enum(COUNTER_STYLES), DEFAULT_SETTINGS.counterStyle),
  undoSeconds: field(z.number().check(z.int(), z.minimum(0), z.maximum(MAX_UNDO_SECONDS)), DEFAULT_SETTINGS.undoSeconds),
  /** Post asks once about media without a description. */
  altTextReminder: field(z.boolean(), DEFAULT_SETTINGS.altTextReminder),
  /** How a shared page's author (`fediverse:creator`) is credited: text (no notification), a mention, or not. */
  authorCredit: field(z.enum(CREDIT_MODES), DEFAULT_SETTINGS.authorCredit),
  /** The default group: accounts a new draft also goes out as, besides the default account. */
  crosspostDefault: field(z.array(z.string()), []),
});

export interface Settings {
  shareTemplate: string;
  defaultVisibility: (typeof VISIBILITIES)[number] | null;
  defaultLanguage: string | null;
  defaultLocalOnly: boolean;
  defaultFormat: (typeof DEFAULT_FORMATS)[number] | null;
  stripTracking: boolean;
  counterStyle: CounterStyle;
  /** How long a post offers Undo (0: never). */
  undoSeconds: number;
  altTextReminder: boolean;
  authorCredit: CreditMode;
  /** Account ids a new draft also goes out as, besides the default account (cross-posting). */
  crosspostDefault: readonly string[];
}

/**
 * Stored settings as the UI and background may trust them: a value written by another
 * version (or damaged) keeps what is valid and falls back to defaults for the rest.
 */
export function parseSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_SETTINGS };
  const settings = parsed.data;
  return settings.shareTemplate === DEFAULT_SHARE_TEMPLATE_BEFORE_AUTHOR ? { ...settings, shareTemplate: DEFAULT_SHARE_TEMPLATE } : settings;
}

/** Version 1 stored only the share template and whether to strip utm_* parameters. */
const SettingsV1Schema = z.object({
  template: z.optional(z.string()),
  stripUtm: z.optional(z.boolean()),
});

/** storage v1 → v2: renamed fields, and the options added since take their defaults. */
export function migrateSettingsV1(v1: unknown): Settings {
  const parsed = SettingsV1Schema.safeParse(v1);
  const old = parsed.success ? parsed.data : {};
  return {
    ...DEFAULT_SETTINGS,
    shareTemplate: old.template ?? DEFAULT_SETTINGS.shareTemplate,
    stripTracking: old.stripUtm ?? DEFAULT_SETTINGS.stripTracking,
  };
}
