import * as z from 'zod/mini';
import { VISIBILITIES } from '../mastodon/accounts';

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

export const DraftSchema = z.object({
  /** Sent as Idempotency-Key with every attempt to post this draft. */
  idempotencyKey: z.string(),
  accountId: z.nullable(z.string()),
  text: z.string(),
  spoilerEnabled: z.boolean(),
  spoilerText: z.string(),
  /** null: the account's own default (`source.privacy`). */
  visibility: z.nullable(z.enum(VISIBILITIES)),
  /** null: the account's default language, else the browser's. */
  language: z.nullable(z.string()),
  sensitive: z.boolean(),
  media: z.array(DraftMediaSchema),
  poll: z.nullable(PollSchema),
  /** ISO time; null posts now. */
  scheduledAt: z.nullable(z.string()),
  /**
   * When an attempt ended without an answer (time-out, reset, 5xx): the post may exist.
   * The next attempt looks for it first, for servers that ignore Idempotency-Key.
   */
  unconfirmedSince: z.nullable(z.number()),
  updatedAt: z.number(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** What the person may change directly; the rest is the background's bookkeeping. */
export type DraftPatch = Partial<
  Pick<Draft, 'text' | 'spoilerEnabled' | 'spoilerText' | 'visibility' | 'language' | 'sensitive' | 'poll' | 'scheduledAt'>
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
  };
}
