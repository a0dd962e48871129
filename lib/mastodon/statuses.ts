import * as z from 'zod/mini';
import { field } from '../stored-check';
import { IdSchema as id, TextSchema as text } from './fields';
import type { ClientContext } from './context';
import type { Visibility } from './accounts';
import { requestJson, requestJsonResponse, type JsonBody } from './request';
import { WebUrlSchema } from './web-url';


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
const StatusMediaSchema = z.object({
  /** Absent on some servers' quoted posts; an edit sends it back (media_ids, media_attributes). */
  id: field(id, ''),
  type: text,
  preview_url: field(z.nullable(z.string()), null),
  /** Alt text. */
  description: field(z.nullable(z.string()), null),
});

/** Status, reduced to what Fedipost shows or compares. */
export const StatusSchema = z.object({
  id,
  /** Shown as "View post": only a web URL, never `javascript:` and the like. */
  url: WebUrlSchema,
  uri: text,
  content: text,
  spoiler_text: text,
  created_at: text,
  /** A quoted post is shown with its author, text and first image. */
  account: z.optional(z.catch(StatusAccountSchema, { acct: '', display_name: '', username: '' })),
  media_attachments: field(z.array(StatusMediaSchema), []),
  /** Absent before Mastodon 4.5: then nothing is known about quoting it. */
  quote_approval: z.optional(
    z.catch(
      z.object({
        automatic: field(z.array(z.string()), []),
        current_user: z.catch(z.enum(QUOTE_APPROVALS), 'unknown'),
      }),
      { automatic: [], current_user: 'unknown' as const },
    ),
  ),
  /** Some servers leave it out; compared only when present. */
  visibility: field(z.nullable(z.string()), null),
  /** The app that posted it (only its author sees it): tells our copies from the person's own posts. */
  application: field(z.nullable(z.object({ name: z.catch(z.string(), '') })), null),
  /** Set once the post has been edited (Mastodon ≥ 3.5): "Edited" is shown. */
  edited_at: field(z.nullable(z.string()), null),
  sensitive: field(z.boolean(), false),
  language: field(z.nullable(z.string()), null),
  /** An edit sends the poll back as it stands, with the time it has left. */
  poll: z.catch(
    z._default(
      z.nullable(
        z.object({
          options: z.array(z.object({ title: z.string() })),
          expires_at: field(z.nullable(z.string()), null),
          multiple: field(z.boolean(), false),
        }),
      ),
      null,
    ),
    null,
  ),
});
export type Status = z.infer<typeof StatusSchema>;

/** ScheduledStatus: what a post with `scheduled_at` creates instead of a Status. */
export const ScheduledStatusSchema = z.object({
  id,
  scheduled_at: z.string(),
});
export type ScheduledStatus = z.infer<typeof ScheduledStatusSchema>;

/** Visibilities as sent: Mastodon's, GoToSocial's `mutuals_only`, Pleroma's `local`. */
export type SentVisibility = Visibility | 'mutuals_only' | 'local';

export interface NewStatus {
  status: string;
  spoilerText?: string;
  visibility: SentVisibility;
  /** GoToSocial's and Hometown's `local_only`. */
  localOnly?: boolean;
  /** `content_type` (text/markdown…) where the server reads it; absent: plain text. */
  contentType?: string | null;
  language?: string | null;
  sensitive?: boolean;
  mediaIds?: readonly string[];
  poll?: { options: readonly string[]; expiresIn: number; multiple: boolean } | null;
  scheduledAt?: string | null;
  /** Mastodon ≥ 4.5 (API version 7): the post this one quotes. */
  quotedStatusId?: string | null;
  /** Mastodon ≥ 4.5: who may quote this post (the server forces `nobody` for private and direct). */
  quotePolicy?: QuotePolicy | null;
  /** The part of a thread this one follows. */
  inReplyToId?: string | null;
}

export type PostResult = { kind: 'status'; status: Status } | { kind: 'scheduled'; scheduled: ScheduledStatus };

function statusBody(post: NewStatus): JsonBody {
  const body: JsonBody = { status: post.status, visibility: post.visibility };
  if (post.spoilerText) body.spoiler_text = post.spoilerText;
  if (post.language) body.language = post.language;
  // Sent with a warning too: not every server marks a post with a warning sensitive itself.
  if (post.sensitive || post.spoilerText) body.sensitive = true;
  if (post.localOnly) body.local_only = true;
  if (post.inReplyToId) body.in_reply_to_id = post.inReplyToId;
  if (post.contentType) body.content_type = post.contentType;
  if (post.mediaIds?.length) body.media_ids = post.mediaIds;
  if (post.poll) body.poll = { options: post.poll.options, expires_in: post.poll.expiresIn, multiple: post.poll.multiple };
  if (post.scheduledAt) body.scheduled_at = post.scheduledAt;
  if (post.quotedStatusId) body.quoted_status_id = post.quotedStatusId;
  if (post.quotePolicy) body.quote_approval_policy = post.quotePolicy;
  return body;
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
    json: statusBody(post),
    headers: { 'Idempotency-Key': idempotencyKey },
    token,
    schema: PostAnswerSchema,
  });
  return 'scheduled_at' in answer ? { kind: 'scheduled', scheduled: answer } : { kind: 'status', status: answer };
}

/**
 * GET /api/v1/accounts/:id/statuses: the newest posts, to find those whose answer was lost.
 * @see https://docs.joinmastodon.org/methods/accounts/#statuses
 */
export function latestStatuses(ctx: ClientContext, token: string, accountId: string, limit = 20): Promise<Status[]> {
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
    schema: z.object({ statuses: field(z.array(StatusSchema), []) }),
  });
  return answer.statuses[0] ?? null;
}

/** ScheduledStatus with the parameters it was given, to recognise one whose answer was lost. */
const ScheduledWithParamsSchema = z.object({
  id,
  scheduled_at: z.string(),
  params: z.catch(z._default(z.object({ text: field(z.nullable(z.string()), null) }), { text: null }), {
    text: null,
  }),
});
export type ScheduledWithParams = z.infer<typeof ScheduledWithParamsSchema>;

/** GET /api/v1/scheduled_statuses. */
export function scheduledStatuses(ctx: ClientContext, token: string): Promise<ScheduledWithParams[]> {
  return requestJson(ctx, '/api/v1/scheduled_statuses?limit=40', { token, schema: z.array(ScheduledWithParamsSchema) });
}

/**
 * DELETE /api/v1/statuses/:id (or a scheduled one): a stray or duplicate post goes, or
 * one the person undoes. Without `delete_media`, Mastodon unattaches the media instead of
 * removing it, so that a redraft can attach it again (mastodon#11638).
 * @see https://docs.joinmastodon.org/methods/statuses/#delete
 */
export async function deleteStatus(ctx: ClientContext, token: string, statusId: string, scheduled = false): Promise<void> {
  const path = scheduled ? '/api/v1/scheduled_statuses/' : '/api/v1/statuses/';
  await requestJsonResponse(ctx, `${path}${encodeURIComponent(statusId)}`, { method: 'DELETE', token, schema: z.unknown() });
}

/** The deleted status with its source (`source_requested`): the words to redraft from. */
const DeletedStatusSchema = z.object({
  ...StatusSchema.shape,
  /** The plain text as written; absent where a server sends no source (then it is read from `content`). */
  text: field(z.nullable(z.string()), null),
});
export type DeletedStatus = z.infer<typeof DeletedStatusSchema>;

/**
 * DELETE /api/v1/statuses/:id for "Delete & redraft": the answer carries the source `text`
 * and `spoiler_text`, and the media stays on the server, unattached, for the redraft.
 * @see https://docs.joinmastodon.org/methods/statuses/#delete
 */
export function deleteForRedraft(ctx: ClientContext, token: string, statusId: string): Promise<DeletedStatus> {
  return requestJson(ctx, `/api/v1/statuses/${encodeURIComponent(statusId)}`, { method: 'DELETE', token, schema: DeletedStatusSchema });
}

/**
 * GET /api/v1/statuses/:id: the post as it stands (its media with their ids and alt texts).
 * @see https://docs.joinmastodon.org/methods/statuses/#get
 */
export function getStatus(ctx: ClientContext, token: string, statusId: string): Promise<Status> {
  return requestJson(ctx, `/api/v1/statuses/${encodeURIComponent(statusId)}`, { token, schema: StatusSchema });
}

/** StatusSource: the plain text an edit starts from (a Status has only HTML). */
const StatusSourceSchema = z.object({ id, text: z.string(), spoiler_text: text });
export type StatusSource = z.infer<typeof StatusSourceSchema>;

/**
 * GET /api/v1/statuses/:id/source (Mastodon ≥ 3.5).
 * @see https://docs.joinmastodon.org/methods/statuses/#source
 */
export function statusSource(ctx: ClientContext, token: string, statusId: string): Promise<StatusSource> {
  return requestJson(ctx, `/api/v1/statuses/${encodeURIComponent(statusId)}/source`, { token, schema: StatusSourceSchema });
}

export interface StatusEdit {
  status: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  /**
   * Every attachment the post keeps, in order. Mastodon's UpdateStatusService replaces the
   * media with `media_ids` (none sent: none kept), so they are always sent.
   */
  mediaIds: readonly string[];
  /** New alt texts; only where the server takes `media_attributes` (Mastodon ≥ 4.1). */
  mediaAttributes?: ReadonlyArray<{ id: string; description: string }>;
  /** Sent as it stands: Mastodon drops a poll the edit leaves out. */
  poll: { options: readonly string[]; expiresIn: number; multiple: boolean } | null;
}

/**
 * PUT /api/v1/statuses/:id: a new version of the post (its history keeps the old one).
 * @see https://docs.joinmastodon.org/methods/statuses/#edit
 */
export function editStatus(ctx: ClientContext, token: string, statusId: string, edit: StatusEdit): Promise<Status> {
  const json: JsonBody = {
    status: edit.status,
    spoiler_text: edit.spoilerText,
    sensitive: edit.sensitive || edit.spoilerText !== '',
    media_ids: edit.mediaIds,
  };
  if (edit.language) json.language = edit.language;
  if (edit.mediaAttributes?.length) json.media_attributes = edit.mediaAttributes.map(({ id: mediaId, description }) => ({ id: mediaId, description }));
  if (edit.poll) json.poll = { options: edit.poll.options, expires_in: edit.poll.expiresIn, multiple: edit.poll.multiple };
  return requestJson(ctx, `/api/v1/statuses/${encodeURIComponent(statusId)}`, { method: 'PUT', json, token, schema: StatusSchema });
}
