import { serializeAccount } from './accounts.ts';
import { authorizeUser, findToken, optionalViewer } from './auth.ts';
import { apiError, json, type Reply, type RequestContext, type Route } from './http.ts';
import { isAudioOrVideo, isReady, serializeMedia } from './media.ts';
import { stringParam, type Params } from './params.ts';
import { addUser, findUser, findUserById, type MediaAttachment, type Poll, type ScheduledStatus, type ServerState, type Status, type User } from './state.ts';
import { countableLength, formatContent, graphemeLength } from './status-text.ts';
import type { PollEntity, Privacy, QuoteApprovalEntity, QuotePolicy, RemotePost, ScheduledStatusEntity, StatusEntity, StoredStatus } from './types.ts';

export const WRITE_SCOPES = ['write', 'write:statuses'];
export const READ_SCOPES = ['read', 'read:statuses'];
const VISIBILITIES: readonly string[] = ['public', 'unlisted', 'private', 'direct'] satisfies Privacy[];

/** The visibilities the dialect accepts: Mastodon's, plus `mutuals_only` (GoToSocial) or `local` (Pleroma). */
function visibilities(state: ServerState): readonly string[] {
  return [
    ...VISIBILITIES,
    ...(state.dialect.mutualsOnly ? ['mutuals_only'] : []),
    ...(state.dialect.localOnly === 'visibility' ? ['local'] : []),
  ];
}

/** Attachment ids as the dialect shows them inside a status (snac's change). */
export function attachmentsIn(state: ServerState, status: Status) {
  return status.media.map((media) => {
    const entity = serializeMedia(state, media);
    return state.dialect.mediaQuirks ? { ...entity, id: `${entity.id}0` } : entity;
  });
}
/** Mastodon keeps an Idempotency-Key in Redis for an hour. */
const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;
/** ScheduledStatus::MINIMUM_OFFSET. */
const MIN_SCHEDULE_OFFSET_MS = 5 * 60 * 1000;
const DEFAULT_PAGE = 20;

const QUOTE_POLICIES: readonly string[] = ['public', 'followers', 'nobody'] satisfies QuotePolicy[];

/** Rails' boolean cast: nil for absent or blank, false for its false words, true otherwise. */
export function booleanParam(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return !['false', '0', 'f', 'off'].includes(String(value).toLowerCase());
}

/** Ruby's String#to_i: the leading integer, or 0. */
function toInteger(value: string): number {
  return Number.parseInt(value, 10) || 0;
}

/** Api::BaseController#limit_param: the default when absent, never more than twice the default. */
function limitParam(params: Params): number {
  const value = stringParam(params, 'limit');
  return value === undefined ? DEFAULT_PAGE : Math.min(Math.abs(toInteger(value)), DEFAULT_PAGE * 2);
}

export function pollParam(params: Params): Params | undefined {
  const poll = params.poll;
  if (typeof poll !== 'object' || poll === null || Array.isArray(poll)) return undefined;
  return Object.keys(poll).length > 0 ? (poll as Params) : undefined;
}

export function author(state: ServerState, userId: string): User {
  const user = findUserById(state, userId);
  // Users are never removed, so every status keeps its author.
  if (!user) throw new Error(`fake-mastodon: no user ${userId}`);
  return user;
}

export function visibleTo(status: Status, viewer: User | undefined): boolean {
  return status.visibility === 'public' || status.visibility === 'unlisted' || viewer?.id === status.userId;
}

function serializePoll(poll: Poll, own: boolean | undefined): PollEntity {
  return {
    id: poll.id,
    expires_at: poll.expiresAt.toISOString(),
    expired: poll.expiresAt.getTime() <= Date.now(),
    multiple: poll.multiple,
    votes_count: 0,
    voters_count: 0,
    options: poll.options.map((title) => ({ title, votes_count: 0 })),
    emojis: [],
    // Relative to the viewer, so only with one; Mastodon counts one's own poll as voted.
    ...(own === undefined ? {} : { voted: own, own_votes: [] }),
  };
}

/**
 * QuoteApproval as Mastodon 4.5 computes it for `viewer`. The author may always quote their
 * own posts but for private mentions; nobody follows anybody on this server, so a
 * followers-only policy denies everyone else. A remote post carries what the test fixed.
 */
export function quoteApproval(status: Status, viewer: User | undefined): QuoteApprovalEntity {
  if (status.remote) return status.remote.quoteApproval;
  const automatic = status.quotePolicy === 'nobody' ? [] : [status.quotePolicy];
  const base = { automatic, manual: [] };
  if (viewer === undefined) return { ...base, current_user: 'unknown' };
  if (viewer.id === status.userId) return { ...base, current_user: status.visibility === 'direct' ? 'denied' : 'automatic' };
  return { ...base, current_user: status.quotePolicy === 'public' ? 'automatic' : 'denied' };
}

/** `<p class="quote-inline">RE: <a>…</a></p>`, as Mastodon 4.5 renders a quote's link (https://docs.joinmastodon.org/client/quotes/). */
function quoteInline(state: ServerState, quoted: Status): string {
  const url = quoted.remote?.url ?? `${state.origin}/@${author(state, quoted.userId).username}/${quoted.id}`;
  return `<p class="quote-inline">RE: <a href="${url}">${url}</a></p>`;
}

/** The Status entity, as `viewer` (undefined: anonymous) sees it. */
export function serializeStatus(state: ServerState, status: Status, viewer: User | undefined, depth = 0): StatusEntity {
  const user = author(state, status.userId);
  const own = viewer === undefined ? undefined : viewer.id === user.id;
  const quoted = status.quote ? state.statuses.get(status.quote.statusId) : undefined;
  const quote =
    status.quote === null
      ? null
      : {
          state: status.quote.state,
          // Only an accepted quote shows the post; a nested quote shows as a placeholder (ShallowQuote in Mastodon).
          quoted_status: status.quote.state === 'accepted' && quoted && depth === 0 ? serializeStatus(state, quoted, viewer, 1) : null,
        };
  const entity: StatusEntity = {
    id: status.id,
    created_at: status.createdAt.toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: status.inReplyToAccountId,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    ...(state.dialect.localOnly === 'flag' ? { local_only: status.localOnly } : {}),
    language: status.language,
    uri: status.remote?.url ?? `${state.origin}/users/${user.username}/statuses/${status.id}`,
    url: status.remote?.url ?? `${state.origin}/@${user.username}/${status.id}`,
    replies_count: [...state.statuses.values()].filter((other) => other.inReplyToId === status.id).length,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: status.editedAt?.toISOString() ?? null,
    ...(own === undefined ? {} : { favourited: false, reblogged: false, muted: false, bookmarked: false, pinned: false, filtered: [] }),
    // Mastodon 4.5 puts a link to the quoted post first, for software that shows no quotes.
    content: (quoted ? quoteInline(state, quoted) : '') + formatContent(status.text, status.contentType),
    reblog: null,
    application: status.application,
    account: serializeAccount(state, user),
    media_attachments: status.remote?.imageUrl
      ? [{ id: `${status.id}1`, type: 'image', url: status.remote.imageUrl, preview_url: status.remote.imageUrl, remote_url: null, preview_remote_url: null, meta: {}, description: null, blurhash: null }]
      : attachmentsIn(state, status),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: status.poll && serializePoll(status.poll, own),
    quote_approval: quoteApproval(status, viewer),
    quotes_count: [...state.statuses.values()].filter((other) => other.quote?.statusId === status.id && other.quote.state === 'accepted').length,
    quote,
  };
  return entity;
}

export function serializeScheduled(state: ServerState, scheduled: ScheduledStatus): ScheduledStatusEntity {
  return {
    id: scheduled.id,
    scheduled_at: scheduled.scheduledAt.toISOString(),
    params: scheduled.params,
    media_attachments: scheduled.media.map((media) => serializeMedia(state, media)),
  };
}

export function storedStatus(state: ServerState, status: Status): StoredStatus {
  return {
    ...serializeStatus(state, status, author(state, status.userId)),
    text: status.text,
    quoted_status_id: status.quote?.statusId ?? null,
    quote_approval_policy: status.quotePolicy,
    ...(status.contentType ? { content_type: status.contentType } : {}),
  };
}

/** PostStatusService#validate_media!: its errors carry no "Validation failed" prefix. */
function attachableMedia(state: ServerState, user: User, params: Params): MediaAttachment[] | string {
  const ids = params.media_ids;
  // Rails' `media_ids: []` permits arrays only; anything else means no media.
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const limit = state.limits.maxMediaAttachments;
  // A poll with media gets this message too: Mastodon reuses it.
  if (ids.length > limit || pollParam(params)) return `Cannot attach more than ${limit} files`;
  const wanted = ids.map(String);
  const found = wanted
    .slice(0, limit)
    .map((id) => state.media.get(id))
    .filter((media): media is MediaAttachment => media !== undefined && media.userId === user.id && media.statusId === null);
  const missing = wanted.filter((id) => !found.some((media) => media.id === id));
  if (missing.length > 0) return `Media ${missing.join(', ')} not found or already attached to another post`;
  if (found.length > 1 && found.some(isAudioOrVideo)) return 'Cannot attach a video to a post that already contains images';
  if (!found.every(isReady)) return 'Cannot attach files that have not finished processing. Try again in a moment!';
  return found;
}

/** The Poll model's validations, under its attribute names "Choices" and "Deadline". */
function pollErrors(state: ServerState, poll: Params): string[] {
  const { pollMaxOptions, pollMaxCharactersPerOption, pollMinExpiration, pollMaxExpiration } = state.limits;
  const options = Array.isArray(poll.options) ? poll.options.map(String) : [];
  const errors: string[] = [];
  if (options.length === 0) errors.push("Choices can't be blank");
  if (options.length < 2) errors.push('Choices must have more than one item');
  if (options.length > pollMaxOptions) errors.push(`Choices can't contain more than ${pollMaxOptions} items`);
  if (options.some((option) => graphemeLength(option) > pollMaxCharactersPerOption)) {
    errors.push(`Choices cannot be longer than ${pollMaxCharactersPerOption} characters each`);
  }
  if (new Set(options).size !== options.length) errors.push('Choices contain duplicate items');
  const expiresIn = stringParam(poll, 'expires_in');
  if (!expiresIn) errors.push("Deadline can't be blank");
  else if (toInteger(expiresIn) > pollMaxExpiration) errors.push('Deadline is too far into the future');
  else if (toInteger(expiresIn) < pollMinExpiration) errors.push('Deadline is too soon');
  return errors;
}

interface Draft {
  text: string;
  spoilerText: string;
  visibility: string;
  media: MediaAttachment[];
  poll: Params | undefined;
}

/** The Status model's validations (text presence, StatusLengthValidator, poll, visibility enum). */
export function statusErrors(state: ServerState, draft: Draft): string[] {
  const errors: string[] = [];
  // Servers that check nothing (Hollo, snac) make an empty post of an empty request.
  const checks = state.dialect.length(draft.text, draft.spoilerText, state.limits) !== null;
  if (checks && draft.text === '' && draft.media.length === 0) errors.push("Text can't be blank");
  const { maxCharacters, charactersReservedPerUrl } = state.limits;
  if (state.dialect.name === 'mastodon' && countableLength(draft.spoilerText, draft.text, charactersReservedPerUrl) > maxCharacters) {
    errors.push(`Text character limit of ${maxCharacters} exceeded`);
  }
  if (draft.poll) errors.push(...pollErrors(state, draft.poll));
  if (!visibilities(state).includes(draft.visibility)) errors.push('Visibility is not included in the list');
  return errors;
}

/** Other dialects refuse an over-long post before any other check, in their own words. */
export function tooLong(state: ServerState, text: string, spoilerText: string): Reply | undefined {
  if (state.dialect.name === 'mastodon') return undefined;
  const length = state.dialect.length(text, spoilerText, state.limits);
  return length !== null && length > state.limits.maxCharacters ? state.dialect.tooLong(length, state.limits) : undefined;
}

/** Hollo reads only JSON bodies on statuses: a form body's fields are lost (issue 15). */
export function statusParams(state: ServerState, headers: RequestContext['headers'], params: Params): Params {
  const json = (headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
  return state.dialect.statusFormBodies || json ? params : {};
}

/** A valid ISO-639 code is kept; anything else falls back to the user's language, then English. */
function language(params: Params, user: User): string {
  const given = stringParam(params, 'language');
  return given && /^[a-z]{2,3}$/.test(given) ? given : (user.language ?? 'en');
}

/** ScheduledStatus `params`: the request's options as given, as Mastodon stores them to post later. */
function scheduledParams(params: Params, thread: Status | undefined, applicationId: string | null): Record<string, unknown> {
  const given = (key: string) => params[key] ?? null;
  return {
    text: given('status'),
    poll: pollParam(params) ?? null,
    media_ids: Array.isArray(params.media_ids) ? params.media_ids : null,
    sensitive: given('sensitive'),
    spoiler_text: given('spoiler_text'),
    visibility: given('visibility'),
    language: given('language'),
    scheduled_at: null,
    in_reply_to_id: thread?.id ?? null,
    application_id: applicationId,
    idempotency: null,
    with_rate_limit: false,
  };
}

function remember(state: ServerState, key: string | undefined, kind: 'status' | 'scheduled', id: string): void {
  if (key) state.idempotencyKeys.set(key, { kind, id, expiresAt: Date.now() + IDEMPOTENCY_TTL_MS });
}

/** What the key first produced within the hour, answered again instead of posting twice. */
function replay(state: ServerState, key: string, user: User): Reply | undefined {
  const previous = state.idempotencyKeys.get(key);
  if (!previous || previous.expiresAt <= Date.now()) return undefined;
  if (previous.kind === 'scheduled') {
    const scheduled = state.scheduledStatuses.get(previous.id);
    return scheduled && json(200, serializeScheduled(state, scheduled));
  }
  const status = state.statuses.get(previous.id);
  return status && json(200, serializeStatus(state, status, user));
}

/** `scheduled_at`: undefined when absent, blank or past (Mastodon then posts at once); null when unparseable. */
function scheduledAt(params: Params): Date | null | undefined {
  const value = stringParam(params, 'scheduled_at');
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  return time > Date.now() ? new Date(time) : undefined;
}

/** POST /api/v1/statuses, in the order of StatusesController#create and PostStatusService. */
function createStatus({ state, headers, params: given }: RequestContext): Reply {
  const params = statusParams(state, headers, given);
  const user = authorizeUser(state, headers, WRITE_SCOPES);
  if ('status' in user) return user;
  const app = state.apps.get(findToken(state, headers)?.clientId ?? '');
  const replyTo = stringParam(params, 'in_reply_to_id');
  const thread = replyTo ? state.statuses.get(replyTo) : undefined;
  if (replyTo && !(thread && visibleTo(thread, user))) {
    return apiError(404, 'The post you are trying to reply to does not appear to exist.');
  }
  const headerKey = headers['idempotency-key'];
  const key = state.idempotency && typeof headerKey === 'string' && headerKey !== '' ? `${user.id}:${headerKey}` : undefined;
  const replayed = key && replay(state, key, user);
  if (replayed) return replayed;

  // StatusesController#create looks the quoted post up and checks the quote policy first.
  const quotedId = stringParam(params, 'quoted_status_id');
  const quoted = quotedId ? state.statuses.get(quotedId) : undefined;
  if (quotedId && !(quoted && visibleTo(quoted, user))) return apiError(404, 'Record not found');
  const approval = quoted ? quoteApproval(quoted, user).current_user : undefined;
  if (approval === 'denied' || approval === 'unknown') return apiError(403, 'This action is not allowed');

  const media = attachableMedia(state, user, params);
  if (typeof media === 'string') return apiError(422, media);
  // A quote carries neither media nor a poll (Mastodon 4.5; its composer's words).
  if (quoted && media.length > 0) return apiError(422, 'Validation failed: Quoting is not allowed with media attachments.');
  if (quoted && pollParam(params)) return apiError(422, 'Validation failed: Quoting is not allowed with polls.');
  // Status#prepare_contents strips both texts; a blank text takes the spoiler text's place.
  let text = (stringParam(params, 'status') ?? '').trim();
  let spoilerText = (stringParam(params, 'spoiler_text') ?? '').trim();
  const refusal = tooLong(state, text, spoilerText);
  if (refusal) return refusal;
  const sensitive = (booleanParam(params.sensitive) ?? false) || (state.dialect.sensitiveWithSpoiler && spoilerText !== '');
  if (text === '' && spoilerText !== '') [text, spoilerText] = [spoilerText, ''];
  const visibility = stringParam(params, 'visibility') || user.privacy;
  const contentType = stringParam(params, 'content_type');
  const poll = pollParam(params);
  const errors = statusErrors(state, { text, spoilerText, visibility, media, poll });
  const when = scheduledAt(params);
  // Unparseable dates raise ArgumentError, which PostStatusService turns into a bare RecordInvalid.
  if (when === null) return apiError(422, 'Record invalid');

  if (when) {
    // PostStatusService#schedule_status! raises a bare RecordInvalid for an invalid status.
    if (errors.length > 0) return apiError(422, 'Record invalid');
    if (when.getTime() <= Date.now() + MIN_SCHEDULE_OFFSET_MS) return apiError(422, 'Validation failed: Scheduled at date must be in the future');
    const scheduled: ScheduledStatus = {
      id: state.nextId(),
      userId: user.id,
      scheduledAt: when,
      params: scheduledParams(params, thread, app?.id ?? null),
      media,
    };
    state.scheduledStatuses.set(scheduled.id, scheduled);
    remember(state, key, 'scheduled', scheduled.id);
    return json(200, serializeScheduled(state, scheduled));
  }

  if (errors.length > 0) return apiError(422, `Validation failed: ${errors.join(', ')}`);
  const createdAt = new Date();
  const status: Status = {
    id: state.nextId(),
    userId: user.id,
    createdAt,
    text,
    spoilerText,
    visibility: visibility as Status['visibility'],
    localOnly: state.dialect.localOnly === 'flag' && (booleanParam(params.local_only) ?? false),
    contentType: contentType && state.dialect.contentTypes.includes(contentType) ? contentType : null,
    sensitive,
    language: language(params, user),
    media,
    poll: poll
      ? {
          id: state.nextId(),
          options: (poll.options as unknown[]).map(String),
          expiresAt: new Date(createdAt.getTime() + toInteger(stringParam(poll, 'expires_in') ?? '') * 1000),
          multiple: booleanParam(poll.multiple) ?? false,
        }
      : null,
    inReplyToId: thread?.id ?? null,
    inReplyToAccountId: thread?.userId ?? null,
    application: app ? { name: app.name, website: app.website } : null,
    quotePolicy: quotePolicyFor(params, visibility as Privacy, user),
    quote: quoted ? { statusId: quoted.id, state: approval === 'automatic' ? 'accepted' : 'pending' } : null,
    remote: null,
  };
  for (const attachment of media) attachment.statusId = status.id;
  state.statuses.set(status.id, status);
  remember(state, key, 'status', status.id);
  return json(200, serializeStatus(state, status, user));
}

/** `quote_approval_policy`: ignored for private and direct posts (always `nobody`); absent or unknown, the user's default. */
function quotePolicyFor(params: Params, visibility: Privacy, user: User): QuotePolicy {
  if (visibility === 'private' || visibility === 'direct') return 'nobody';
  const given = stringParam(params, 'quote_approval_policy');
  return given && QUOTE_POLICIES.includes(given) ? (given as QuotePolicy) : user.quotePolicy;
}

/** A post of another server, known here only once a search with resolve=true has fetched it. */
export function addRemotePost(state: ServerState, post: RemotePost): string {
  const [username = '', domain = ''] = post.author.split('@');
  const user = findUser(state, post.author) ?? addUser(state, username, { displayName: post.displayName, domain });
  const status: Status = {
    id: state.nextId(),
    userId: user.id,
    createdAt: new Date(),
    text: post.text,
    spoilerText: '',
    visibility: 'public',
    sensitive: false,
    language: 'en',
    media: [],
    poll: null,
    inReplyToId: null,
    inReplyToAccountId: null,
    application: null,
    localOnly: false,
    contentType: null,
    quotePolicy: 'public',
    quote: null,
    remote: { url: post.url, quoteApproval: post.quoteApproval, imageUrl: post.imageUrl ?? null },
  };
  state.statuses.set(status.id, status);
  state.unfetched.add(status.id);
  return status.id;
}

/**
 * GET /api/v2/search's statuses, by URL (what Fedipost asks): a local post's URL or URI
 * finds it; a remote one only with resolve=true (search.ts refuses that without a user).
 */
export function statusesFound(state: ServerState, q: string, resolve: boolean, viewer: User | undefined) {
  const found = [...state.statuses.values()].filter(
    (status) =>
      visibleTo(status, viewer) &&
      (!state.unfetched.has(status.id) || resolve) &&
      [serializeStatus(state, status, viewer)].some((entity) => entity.url === q || entity.uri === q),
  );
  if (resolve) for (const status of found) state.unfetched.delete(status.id);
  return found.map((status) => serializeStatus(state, status, viewer));
}
/**
 * DELETE /api/v1/statuses/:id (StatusesController#destroy): the caller's own status only;
 * the answer is the status with its source `text`. Without `delete_media` the media is
 * unattached (RemoveStatusService with redraft) so that a new post can take it again.
 */
function deleteStatus({ state, headers, params, pathParams }: RequestContext): Reply {
  const user = authorizeUser(state, headers, WRITE_SCOPES);
  if ('status' in user) return user;
  const status = state.statuses.get(pathParams.id ?? '');
  if (!status || status.userId !== user.id) return state.dialect.notFound();
  const answer = { ...serializeStatus(state, status, user), text: status.text };
  const removeMedia = (booleanParam(params.delete_media) ?? false) || !state.keepsMediaOnDelete;
  for (const media of status.media) {
    if (removeMedia) state.media.delete(media.id);
    else media.statusId = null;
  }
  state.statuses.delete(status.id);
  return json(200, answer);
}

export const statusRoutes: Route[] = [
  { method: 'DELETE', path: /^\/api\/v1\/statuses\/(?<id>[^/]+)$/, handle: deleteStatus },
  { method: 'POST', path: '/api/v1/statuses', handle: createStatus },
  {
    method: 'GET',
    path: /^\/api\/v1\/statuses\/(?<id>[^/]+)$/,
    handle: ({ state, headers, pathParams }) => {
      const caller = optionalViewer(state, headers, READ_SCOPES);
      if ('status' in caller) return caller;
      const status = state.statuses.get(pathParams.id ?? '');
      // Mastodon answers 404, not 403, for a status one may not see.
      if (!status || !visibleTo(status, caller.viewer)) return apiError(404, 'Record not found');
      return json(200, serializeStatus(state, status, caller.viewer));
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/accounts\/(?<id>[^/]+)\/statuses$/,
    handle: ({ state, headers, params, pathParams }) => {
      const caller = optionalViewer(state, headers, READ_SCOPES);
      if ('status' in caller) return caller;
      const account = findUserById(state, pathParams.id ?? '');
      if (!account) return apiError(404, 'Record not found');
      const statuses = [...state.statuses.values()]
        .filter((status) => status.userId === account.id && visibleTo(status, caller.viewer))
        .reverse()
        .slice(0, limitParam(params));
      return json(200, statuses.map((status) => serializeStatus(state, status, caller.viewer)));
    },
  },
  {
    method: 'DELETE',
    path: /^\/api\/v1\/scheduled_statuses\/(?<id>[^/]+)$/,
    handle: ({ state, headers, pathParams }) => {
      const user = authorizeUser(state, headers, WRITE_SCOPES);
      if ('status' in user) return user;
      const scheduled = state.scheduledStatuses.get(pathParams.id ?? '');
      if (!scheduled || scheduled.userId !== user.id) return state.dialect.notFound();
      state.scheduledStatuses.delete(scheduled.id);
      return json(200, {});
    },
  },
  {
    method: 'GET',
    path: '/api/v1/scheduled_statuses',
    handle: ({ state, headers, params }) => {
      const user = authorizeUser(state, headers, READ_SCOPES);
      if ('status' in user) return user;
      const scheduled = [...state.scheduledStatuses.values()]
        .filter((entry) => entry.userId === user.id)
        .reverse()
        .slice(0, limitParam(params));
      return json(200, scheduled.map((entry) => serializeScheduled(state, entry)));
    },
  },
];
