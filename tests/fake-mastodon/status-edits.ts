import { serializeAccount } from './accounts.ts';
import { authorizeUser, optionalViewer } from './auth.ts';
import { apiError, json, type Reply, type RequestContext, type Route } from './http.ts';
import { isAudioOrVideo, isReady } from './media.ts';
import { stringParam, type Params } from './params.ts';
import type { MediaAttachment, ServerState, Status, User } from './state.ts';
import { formatContent } from './status-text.ts';
import {
  READ_SCOPES,
  WRITE_SCOPES,
  attachmentsIn,
  author,
  booleanParam,
  pollParam,
  serializeStatus,
  statusErrors,
  statusParams,
  tooLong,
  visibleTo,
} from './statuses.ts';
import type { StatusEditEntity } from './types.ts';

/**
 * Editing published statuses as Mastodon does it: Api::V1::StatusesController#update (the
 * caller's own status, else 404), UpdateStatusService (every option is passed, so media and
 * poll left out of the request are removed; `media_attributes` change attached media),
 * StatusEdit snapshots for the history, and the source for an edit form.
 * @see https://docs.joinmastodon.org/methods/statuses/#edit
 */

/** The status as one StatusEdit: what GET …/history lists. */
function snapshot(state: ServerState, status: Status, at: Date): StatusEditEntity {
  return {
    content: formatContent(status.text, status.contentType),
    spoiler_text: status.spoilerText,
    sensitive: status.sensitive,
    created_at: at.toISOString(),
    account: serializeAccount(state, author(state, status.userId)),
    poll: status.poll && { options: status.poll.options.map((title) => ({ title })) },
    media_attachments: attachmentsIn(state, status),
    emojis: [],
  };
}

/** UpdateStatusService#validate_media!: unknown ids are left out; too many, mixed or unprocessed media refuse. */
function nextMedia(state: ServerState, user: User, status: Status, params: Params): MediaAttachment[] | string {
  const ids = params.media_ids;
  if (!Array.isArray(ids) || ids.length === 0) return [];
  const limit = state.limits.maxMediaAttachments;
  if (ids.length > limit || pollParam(params)) return `Cannot attach more than ${limit} files`;
  const found = ids
    .slice(0, limit)
    .map((id) => state.media.get(String(id)))
    .filter((m): m is MediaAttachment => m !== undefined && m.userId === user.id && (m.statusId === null || m.statusId === status.id));
  if (found.length > 1 && found.some(isAudioOrVideo)) return 'Cannot attach a video to a post that already contains images';
  if (!found.every(isReady)) return 'Cannot attach files that have not finished processing. Try again in a moment!';
  return found;
}

/** `media_attributes` as JSON (an array of objects) or as Rails' form arrays (`media_attributes[][id]`). */
function mediaAttributes(params: Params): Array<{ id: string; description?: string }> {
  const given = params.media_attributes;
  if (!Array.isArray(given)) return [];
  return given.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, description } = entry as Record<string, unknown>;
    return id === undefined ? [] : [{ id: String(id), ...(typeof description === 'string' ? { description } : {}) }];
  });
}

/** UpdateStatusService#update_poll!: the given poll (its votes kept where the options are), or none. */
function nextPoll(state: ServerState, status: Status, poll: Params | undefined): Status['poll'] {
  if (!poll) return null;
  return {
    id: status.poll?.id ?? state.nextId(),
    options: (Array.isArray(poll.options) ? poll.options : []).map(String),
    expiresAt: new Date(Date.now() + (Number.parseInt(stringParam(poll, 'expires_in') ?? '', 10) || 0) * 1000),
    multiple: booleanParam(poll.multiple) ?? false,
  };
}

function updateStatus({ state, headers, params: given, pathParams }: RequestContext): Reply {
  const params = statusParams(state, headers, given);
  const user = authorizeUser(state, headers, WRITE_SCOPES);
  if ('status' in user) return user;
  // `Status.where(account: current_account).find`: someone else's status is not found.
  const status = state.statuses.get(pathParams.id ?? '');
  const mode = state.dialect.edits;
  if (!status || status.userId !== user.id || mode === null) return state.dialect.notFound();

  const media = mode === 'text-only' ? status.media : nextMedia(state, user, status, params);
  if (typeof media === 'string') return apiError(422, media);
  const givenText = (stringParam(params, 'status') ?? '').trim();
  // update_immediate_attributes!: a blank text takes the warning's place, and the warning
  // (deleted from the options) then stays as it was.
  const text = givenText || (stringParam(params, 'spoiler_text') ?? '').trim();
  const spoilerText = givenText ? (stringParam(params, 'spoiler_text') ?? '').trim() : status.spoilerText;
  const refusal = tooLong(state, text, spoilerText);
  if (refusal) return refusal;
  const poll = mode === 'text-only' ? undefined : pollParam(params);
  const errors = statusErrors(state, { text, spoilerText, visibility: status.visibility, media, poll });
  if (errors.length > 0) return apiError(422, `Validation failed: ${errors.join(', ')}`);

  const givenLanguage = stringParam(params, 'language');
  // valid_locale_cascade: a valid code, else the status's own.
  const language = givenLanguage && /^[a-z]{2,3}$/.test(givenLanguage) ? givenLanguage : status.language;
  const previous = snapshot(state, status, status.createdAt);
  const before = JSON.stringify(previous);
  for (const attributes of mode === 'full' ? mediaAttributes(params) : []) {
    const attached = media.find((m) => m.id === attributes.id);
    if (attached && attributes.description !== undefined) attached.description = attributes.description;
  }
  for (const m of status.media) if (!media.includes(m)) m.statusId = null;
  for (const m of media) m.statusId = status.id;
  const next: Status = {
    ...status,
    text,
    spoilerText,
    sensitive: (booleanParam(params.sensitive) ?? false) || spoilerText !== '',
    language,
    media,
    poll: mode === 'text-only' ? status.poll : nextPoll(state, status, poll),
  };
  const changed = JSON.stringify(snapshot(state, next, status.createdAt)) !== before || next.language !== status.language;
  // NoChangesSubmittedError: an edit that changes nothing makes no new version.
  if (!changed) return json(200, serializeStatus(state, status, user));
  const at = new Date();
  next.editedAt = at;
  next.edits = [...(status.edits ?? [previous]), snapshot(state, next, at)];
  state.statuses.set(status.id, next);
  return json(200, serializeStatus(state, next, user));
}

/** The status for a reader who may see it: Mastodon answers 404, not 403, otherwise. */
function readable(state: ServerState, headers: RequestContext['headers'], id: string | undefined): { found: Status } | { refused: Reply } {
  const caller = optionalViewer(state, headers, READ_SCOPES);
  if ('status' in caller) return { refused: caller };
  const status = state.statuses.get(id ?? '');
  if (!status || !visibleTo(status, caller.viewer)) return { refused: apiError(404, 'Record not found') };
  return { found: status };
}

export const statusEditRoutes: Route[] = [
  { method: 'PUT', path: /^\/api\/v1\/statuses\/(?<id>[^/]+)$/, handle: updateStatus },
  {
    method: 'GET',
    path: /^\/api\/v1\/statuses\/(?<id>[^/]+)\/source$/,
    handle: ({ state, headers, pathParams }) => {
      const read = readable(state, headers, pathParams.id);
      if ('refused' in read) return read.refused;
      const status = read.found;
      return json(200, { id: status.id, text: status.text, spoiler_text: status.spoilerText });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/statuses\/(?<id>[^/]+)\/history$/,
    handle: ({ state, headers, pathParams }) => {
      const read = readable(state, headers, pathParams.id);
      if ('refused' in read) return read.refused;
      const status = read.found;
      // A status never edited has one version: itself.
      return json(200, status.edits ?? [snapshot(state, status, status.createdAt)]);
    },
  },
];
