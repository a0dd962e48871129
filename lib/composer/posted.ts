import * as z from 'zod/mini';
import { checkQuietRecord, type Checked } from '../stored-check';
import { webUrl } from '../web-url';
import { TargetSchema, type DraftTarget } from './targets';

/** Outcomes of recent posts by Idempotency-Key: a window that lost the answer asks again and gets it. */
export type PostedMap = Record<string, { url: string | null; scheduledAt: string | null; at: number; targets?: Record<string, DraftTarget> }>;

const PostedSchema = z.object({
  // It becomes a "View post" link again: a web URL only.
  url: z.nullable(z.string().check(z.refine((url) => webUrl(url) !== null))),
  scheduledAt: z.nullable(z.string()),
  at: z.number(),
  /** Cross-posted: each account's result. */
  targets: z.catch(z.optional(z.record(z.string(), TargetSchema)), undefined),
});

/** A record of outcomes: a damaged one is as if never kept (the lost-answer check still guards). */
export function checkPosted(raw: unknown): Checked<PostedMap> {
  return { value: checkQuietRecord(raw, PostedSchema), broken: [] };
}

/** How long a post's outcome is kept for a window that asks again. */
export const POSTED_KEPT_MS = 24 * 60 * 60 * 1000;
