import * as z from 'zod/mini';
import type { ClientContext } from './context';
import type { Visibility } from './accounts';
import { requestJson, type FormFields } from './request';

const id = z.pipe(z.union([z.string(), z.number()]), z.transform(String));
const text = z.catch(z._default(z.string(), ''), '');

/** Who may quote a post: a post's `quote_approval_policy`, an account's `source[quote_policy]`. */
export const QUOTE_POLICIES = ['public', 'followers', 'nobody'] as const;
export type QuotePolicy = (typeof QUOTE_POLICIES)[number];

/**
 * QuoteApproval.current_user (Mastodon ≥ 4.5): how the post's policy applies to the
 * person asking. Values added later read as `unknown`, as the docs ask.
 * @see https://docs.joinmastodon.org/entities/QuoteApproval/
 */
export const QUOTE_APPROVALS = ['automatic', 'manual', 'denied', 'unknown'] as const;
export type QuoteApproval = (typeof QUOTE_APPROVALS)[number];

const StatusAccountSchema = z.object({ acct: text, display_name: text, username: text });
const StatusMediaSchema = z.object({ type: text, preview_url: z.catch(z._default(z.nullable(z.string()), null), null) });

/** Status, reduced to what Fedipost shows or compares. */
export const StatusSchema = z.object({
  id,
  url: z.catch(z._default(z.nullable(z.string()), null), null),
  uri: text,
  content: text,
  spoiler_text: text,
  created_at: text,
  /** A quoted post is shown with its author, text and first image. */
  account: z.optional(z.catch(StatusAccountSchema, { acct: '', display_name: '', username: '' })),
  media_attachments: z.catch(z._default(z.array(StatusMediaSchema), []), []),
  /** Absent before Mastodon 4.5: then nothing is known about quoting it. */
  quote_approval: z.optional(
    z.catch(
      z.object({
        automatic: z.catch(z._default(z.array(z.string()), []), []),
        current_user: z.catch(z.enum(QUOTE_APPROVALS), 'unknown'),
      }),
      { automatic: [], current_user: 'unknown' as const },
    ),
  ),
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
  /** Mastodon ≥ 4.5 (API version 7): the post this one quotes. */
  quotedStatusId?: string | null;
  /** Mastodon ≥ 4.5: who may quote this post (the server forces `nobody` for private and direct). */
  quotePolicy?: QuotePolicy | null;
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
  if (post.quotedStatusId) form.quoted_status_id = post.quotedStatusId;
  if (post.quotePolicy) form.quote_approval_policy = post.quotePolicy;
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

/**
 * GET /api/v2/search for one status by its URL, resolved through the account's instance
 * (`resolve=true` lets it fetch a post it has not seen yet). Needs a user token with
 * `read:search`. Null when the instance finds nothing.
 * @see https://docs.joinmastodon.org/methods/search/#v2
 */
export async function resolveStatus(ctx: ClientContext, token: string, url: string): Promise<Status | null> {
  const query = new URLSearchParams({ q: url, resolve: 'true', type: 'statuses', limit: '1' });
  const answer = await requestJson(ctx, `/api/v2/search?${query}`, {
    token,
    schema: z.object({ statuses: z.catch(z._default(z.array(StatusSchema), []), []) }),
  });
  return answer.statuses[0] ?? null;
}
