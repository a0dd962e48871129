import * as z from 'zod/mini';
import { VISIBILITIES } from '../mastodon/accounts';
import { QUOTE_APPROVALS, QUOTE_POLICIES } from '../mastodon/statuses';
import type { DraftId } from '../messages';
import { CREDIT_MODES } from '../share/credit';
import { checkRecord, field, lenientArray, stringField, type Checked } from '../stored-check';
import { TargetSchema } from './targets';

/** Mastodon's visibilities and GoToSocial's `mutuals_only` (offered only where the server has it). */
export const DRAFT_VISIBILITIES = [...VISIBILITIES, 'mutuals_only'] as const;
export type DraftVisibility = (typeof DRAFT_VISIBILITIES)[number];

/** Where one attachment of a draft stands ('fetching': a shared image still on its way to us). */
export const MEDIA_STATES = ['fetching', 'uploading', 'processing', 'ready', 'failed'] as const;

export const DraftMediaSchema = z.object({
  localId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  /** Alt text, as typed. */
  description: z.string(),
  state: z.enum(MEDIA_STATES),
  /** The attachment's id on the server of `uploadedFor`, once uploaded. */
  serverId: z.nullable(z.string()),
  /** Media ids belong to one account: switching account means uploading again. */
  uploadedFor: z.nullable(z.string()),
  previewUrl: z.nullable(z.string()),
  /** The server already has the current description (else PUT before posting). */
  descriptionSynced: z.boolean(),
  /** Why the upload failed: the server's words or an error code. */
  error: z.nullable(z.string()),
});
export type DraftMedia = z.infer<typeof DraftMediaSchema>;

export const PollSchema = z.object({
  options: z.array(z.string()),
  /** Seconds. */
  expiresIn: z.number(),
  multiple: z.boolean(),
});
export type DraftPoll = z.infer<typeof PollSchema>;

/** The post a shared page turned out to be, as the account's instance resolved it. */
export const QuotedPostSchema = z.object({
  id: z.string(),
  url: z.string(),
  authorAcct: z.string(),
  authorName: z.string(),
  /** Plain text: server HTML is never rendered. */
  text: z.string(),
  /** The first image's preview, shown as a thumbnail. */
  image: z.nullable(z.string()),
  approval: z.enum(QUOTE_APPROVALS),
  /** Its author lets followers quote it (the reason a non-follower is denied). */
  followersOnly: z.boolean(),
});
export type QuotedPost = z.infer<typeof QuotedPostSchema>;

/**
 * Whether the shared page can be quoted:
 * - `checking`: asking the instance;
 * - `found`: `post` resolved (its `approval` says whether and how it can be quoted);
 * - `unresolved`: the page says it is a fediverse post, but the instance could not load it;
 * - `unsupported`: the page is a fediverse post, but the instance can't quote (API < 7);
 * - `needs-reconnect`: the account's token predates the `read:search` scope;
 * - `none`: an ordinary page.
 */
export const QUOTE_CHECKS = ['checking', 'found', 'unresolved', 'unsupported', 'needs-reconnect', 'none'] as const;

export const DraftQuoteSchema = z.object({
  /** The account whose instance resolved it: a status id means nothing on another server. */
  accountId: z.nullable(z.string()),
  check: z.enum(QUOTE_CHECKS),
  post: z.nullable(QuotedPostSchema),
  /** The person chose to quote it (never by default: the link is what they shared). */
  on: z.boolean(),
});
export type DraftQuote = z.infer<typeof DraftQuoteSchema>;

export const CardSchema = z.object({
  title: z.string(),
  description: z.string(),
  siteName: z.string(),
  image: z.nullable(z.string()),
});

/** What a share window knows about the shared page, beyond the text. */
export const DraftShareSchema = z.object({
  /** The shared link as it stands in the text. */
  url: z.string(),
  /** Validated `fediverse:creator` handles (`user@host`), at most three. */
  authors: z.array(z.string()),
  /** How they are credited in this post; the options page's choice to begin with. */
  credit: z.enum(CREDIT_MODES),
  /** The page's own OpenGraph/Twitter card, as a preview. */
  card: z.nullable(CardSchema),
  /** The person removed the preview (and with it the link, see SharePanel). */
  cardRemoved: z.boolean(),
  /** The page's `<link rel="alternate" type="application/activity+json">`: it says it is a fediverse post. */
  activityPub: z.nullable(z.string()),
  quote: DraftQuoteSchema,
});
export type DraftShare = z.infer<typeof DraftShareSchema>;

/** One part of a thread: its text, and what became of it on the server. */
export const ThreadPartSchema = z.object({
  /** As the person wrote it; the " i/N" numbering is added when posting (and counted). */
  text: z.string(),
  /** The status this part became; null: not posted yet. "Try again" starts at the first null. */
  posted: field(z.nullable(z.object({ id: z.string(), url: z.nullable(z.string()) })), null),
  /** When an attempt to post this part ended without an answer: the next one looks for it first. */
  unconfirmedSince: field(z.nullable(z.number()), null),
});
export type ThreadPart = z.infer<typeof ThreadPartSchema>;

/** A draft posted as a thread: parts that each fit the server, each replying to the one before. */
export const ThreadSchema = z.object({
  parts: z.array(ThreadPartSchema).check(z.minLength(1)),
  /** " 1/3" after each part. */
  numbered: field(z.boolean(), false),
  /** The replies' visibility; null: Mastodon's convention (a public thread's replies unlisted). */
  replyVisibility: field(z.nullable(z.enum(DRAFT_VISIBILITIES)), null),
});
export type DraftThread = z.infer<typeof ThreadSchema>;

/**
 * A draft as stored. Read through `checkDrafts`: the key and the words are required;
 * every other field falls back to its default, so a draft from an older version (or
 * with one damaged field) is kept rather than lost.
 */
export const DraftSchema = z.object({
  /** Sent as Idempotency-Key with every attempt to post this draft. */
  idempotencyKey: z.string().check(z.minLength(1)),
  accountId: field(z.nullable(z.string()), null),
  text: z.string(),
  spoilerEnabled: field(z.boolean(), false),
  spoilerText: field(z.string(), ''),
  /** null: the account's own default (`source.privacy`). */
  visibility: field(z.nullable(z.enum(DRAFT_VISIBILITIES)), null),
  /** Kept on the server (GoToSocial's `local_only`, Pleroma's `local`); absent in older drafts. */
  localOnly: z.catch(z.optional(z.boolean()), undefined),
  /** `content_type` such as text/markdown where the server offers it; null or absent: plain. */
  contentType: z.catch(z.optional(z.nullable(z.string())), undefined),
  /** null: the account's default language, else the browser's. */
  language: field(z.nullable(z.string()), null),
  sensitive: field(z.boolean(), false),
  /** An attachment that can't be read is left out; the others stay. */
  media: lenientArray(DraftMediaSchema),
  poll: field(z.nullable(PollSchema), null),
  /** ISO time; null posts now. */
  scheduledAt: field(z.nullable(z.string()), null),
  /**
   * When an attempt ended without an answer (time-out, reset, 5xx): the post may exist.
   * The next attempt looks for it first, for servers that ignore Idempotency-Key.
   */
  unconfirmedSince: field(z.nullable(z.number()), null),
  updatedAt: field(z.number(), 0),
  /** Who may quote this post (Mastodon ≥ 4.5); null: the account's own default. */
  quotePolicy: field(z.nullable(z.enum(QUOTE_POLICIES)), null),
  /** Only on drafts made by sharing a page; a damaged one reads as none (the text stays). */
  share: field(z.nullable(DraftShareSchema), null),
  /** Cross-posting: the other accounts this draft also goes out as (lib/composer/crosspost.ts). */
  crosspostTo: field(z.array(z.string()), []),
  /** Cross-posting: each chosen account's own posting state, by account id (empty for one account). */
  targets: field(z.record(z.string(), TargetSchema), {}),
  /**
   * Set: posted as these parts instead of `text` (kept, for going back to one post).
   * Drafts stored before threads existed read as null.
   */
  thread: field(z.nullable(ThreadSchema), null),
});
export type Draft = z.infer<typeof DraftSchema>;

/** What the person may change directly; the rest is the background's bookkeeping. */
export type DraftPatch = Partial<
  Pick<
    Draft,
    | 'text'
    | 'spoilerEnabled'
    | 'spoilerText'
    | 'visibility'
    | 'localOnly'
    | 'contentType'
    | 'language'
    | 'sensitive'
    | 'poll'
    | 'scheduledAt'
    | 'quotePolicy'
    | 'share'
    | 'thread'
  >
>;

export function emptyDraft(idempotencyKey: string, accountId: string | null, now: number): Draft {
  return {
    idempotencyKey,
    accountId,
    text: '',
    spoilerEnabled: false,
    spoilerText: '',
    visibility: null,
    language: null,
    sensitive: false,
    media: [],
    poll: null,
    scheduledAt: null,
    unconfirmedSince: null,
    updatedAt: now,
    quotePolicy: null,
    share: null,
    crosspostTo: [],
    targets: {},
    thread: null,
  };
}

export type DraftMap = Partial<Record<DraftId, Draft>>;

export const isDraftId = (key: string): key is DraftId => key === 'popup' || key.startsWith('share-');

/**
 * The stored drafts as the composer may trust them. A draft that can't be read is left
 * out and reported with whatever words can be recovered from it (its text, or the
 * damaged value itself), so the person can copy them back; the composer opens afresh.
 */
export function checkDrafts(raw: unknown): Checked<DraftMap> {
  const checked = checkRecord(raw, DraftSchema, (key, entry) => ({ label: key || null, text: recoverableText(entry) }));
  const value: DraftMap = {};
  for (const [key, draft] of Object.entries(checked.value)) if (isDraftId(key)) value[key] = draft;
  return { value, broken: checked.broken };
}

/**
 * storage v1 → v2: every draft goes out as its own account only, with no results yet.
 * Anything that is not a draft map is left as it is, for checkDrafts to set aside.
 */
export function migrateDraftsV1(v1: unknown): unknown {
  if (typeof v1 !== 'object' || v1 === null || Array.isArray(v1)) return v1;
  return Object.fromEntries(
    Object.entries(v1).map(([id, draft]) => [
      id,
      typeof draft === 'object' && draft !== null && !Array.isArray(draft) ? { crosspostTo: [], targets: {}, ...draft } : draft,
    ]),
  );
}

/** The words in a damaged draft: its `text`, or the stored value as text (truncated JSON and all). */
function recoverableText(raw: unknown): string | null {
  const text = stringField(raw, 'text') ?? (typeof raw === 'string' ? raw : JSON.stringify(raw));
  return text && text.trim() !== '' && text !== 'null' ? text.slice(0, 100_000) : null;
}
