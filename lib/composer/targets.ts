import * as z from 'zod/mini';
import { field } from '../stored-check';

/**
 * Cross-posting: one draft sent as several accounts, on one server or several. Each
 * chosen account is a *target* with its own posting state, stored with the draft, so a
 * server that fails never blocks, nor repeats, the others, and a closed popup or a
 * restarted worker finds every result where it was left.
 */

/** Where one target stands: not sent yet, under way, published, scheduled, or refused. */
export const TARGET_STATES = ['pending', 'posting', 'posted', 'scheduled', 'failed'] as const;
export type TargetStateName = (typeof TARGET_STATES)[number];

/**
 * One file as uploaded to one target's server: a media id belongs to one account on one
 * server, so each target has its own upload of each file (with its own alt text there).
 */
export const TargetMediaSchema = z.object({
  state: z.enum(['uploading', 'processing', 'ready', 'failed']),
  serverId: z.nullable(z.string()),
  /** The alt text the server has: the draft's own is sent again (PUT) where it differs. */
  description: z.string(),
  error: z.nullable(z.string()),
});
export type TargetMedia = z.infer<typeof TargetMediaSchema>;

/** A status this target made: one for a single post (a thread would add one per part, in order). */
const PostedStatusSchema = z.object({ id: z.string(), url: z.nullable(z.string()) });

export const TargetSchema = z.object({
  /**
   * Sent as Idempotency-Key by every attempt for this account (a thread's part n would
   * send `<key>:<n>`): asking again never posts twice where the server honours it.
   */
  idempotencyKey: z.string().check(z.minLength(1)),
  state: field(z.enum(TARGET_STATES), 'pending'),
  /** What this account's post became on its server (empty until posted or scheduled). */
  statuses: field(z.array(PostedStatusSchema), []),
  scheduledAt: field(z.nullable(z.string()), null),
  /** Why the last attempt failed, as a PostError (its `code` and details). */
  error: field(z.nullable(z.looseObject({ code: z.string() })), null),
  /** An attempt ended without an answer: the post may exist, and is looked for before sending again. */
  unconfirmedSince: field(z.nullable(z.number()), null),
  /** This server's uploads, by the draft's local media id. */
  media: field(z.record(z.string(), TargetMediaSchema), {}),
});
export type DraftTarget = z.infer<typeof TargetSchema>;
