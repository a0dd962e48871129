import * as z from 'zod/mini';
import type { ClientContext } from './context';
import type { Visibility } from './accounts';
import { requestJson, type FormFields } from './request';

const id = z.pipe(z.union([z.string(), z.number()]), z.transform(String));
const text = z.catch(z._default(z.string(), ''), '');

/** Status, reduced to what Fedipost shows or compares. */
export const StatusSchema = z.object({
  id,
  url: z.catch(z._default(z.nullable(z.string()), null), null),
  uri: text,
  content: text,
  spoiler_text: text,
  created_at: text,
});
export type Status = z.infer<typeof StatusSchema>;

/** ScheduledStatus: what a post with `scheduled_at` creates instead of a Status. */
export const ScheduledStatusSchema = z.object({
  id,
  scheduled_at: z.string(),
});
export type ScheduledStatus = z.infer<typeof ScheduledStatusSchema>;

export interface NewStatus {
  status: string;
  spoilerText?: string;
  visibility: Visibility;
  language?: string | null;
  sensitive?: boolean;
  mediaIds?: readonly string[];
  poll?: { options: readonly string[]; expiresIn: number; multiple: boolean } | null;
  scheduledAt?: string | null;
}

export type PostResult = { kind: 'status'; status: Status } | { kind: 'scheduled'; scheduled: ScheduledStatus };

function statusForm(post: NewStatus): FormFields {
  const form: FormFields = { status: post.status, visibility: post.visibility };
  if (post.spoilerText) form.spoiler_text = post.spoilerText;
  if (post.language) form.language = post.language;
  if (post.sensitive) form.sensitive = 'true';
  if (post.mediaIds?.length) form['media_ids[]'] = post.mediaIds;
  if (post.poll) {
    form['poll[options][]'] = post.poll.options;
    form['poll[expires_in]'] = String(post.poll.expiresIn);
    form['poll[multiple]'] = String(post.poll.multiple);
  }
  if (post.scheduledAt) form.scheduled_at = post.scheduledAt;
  return form;
}

// A ScheduledStatus is told apart by `scheduled_at`, which a Status never has; tried
// first because Status's lenient defaults would accept anything with an id.
const PostAnswerSchema = z.union([ScheduledStatusSchema, StatusSchema]);

/**
 * POST /api/v1/statuses. The Idempotency-Key belongs to the draft: every retry of one
 * draft sends the same key, so a server that honours it makes at most one post.
 * @see https://docs.joinmastodon.org/methods/statuses/#create
 */
export async function postStatus(ctx: ClientContext, token: string, post: NewStatus, idempotencyKey: string): Promise<PostResult> {
  const answer = await requestJson(ctx, '/api/v1/statuses', {
    method: 'POST',
    form: statusForm(post),
    headers: { 'Idempotency-Key': idempotencyKey },
    token,
    schema: PostAnswerSchema,
  });
  return 'scheduled_at' in answer ? { kind: 'scheduled', scheduled: answer } : { kind: 'status', status: answer };
}

/**
 * GET /api/v1/accounts/:id/statuses: the newest posts, to find one whose answer was lost.
 * @see https://docs.joinmastodon.org/methods/accounts/#statuses
 */
export function latestStatuses(ctx: ClientContext, token: string, accountId: string, limit = 5): Promise<Status[]> {
  return requestJson(ctx, `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?limit=${limit}`, {
    token,
    schema: z.array(StatusSchema),
  });
}
