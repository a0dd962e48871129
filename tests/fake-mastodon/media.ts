import { authorizeUser } from './auth.ts';
import { apiError, htmlNotFound, json, type Reply, type RequestContext, type Route } from './http.ts';
import { humanSize } from './limits.ts';
import { isUploadedFile, stringParam, type Params } from './params.ts';
import type { MediaAttachment, ServerState } from './state.ts';
import type { MediaAttachmentEntity, MediaType, StoredMedia } from './types.ts';

const MEDIA_SCOPES = ['write', 'write:media'];
/** Mastodon computes a blurhash per picture; clients only need a well-formed one. */
const BLURHASH = 'UFGuX[~q9FIU~q%MRjWB4nRjt7oft7ayofWB';

function mediaType(contentType: string): MediaType {
  // Mastodon turns (animated) GIFs into looping videos, typed gifv.
  if (contentType === 'image/gif') return 'gifv';
  const kind = contentType.split('/')[0];
  return kind === 'image' || kind === 'video' || kind === 'audio' ? kind : 'unknown';
}

export function isReady(media: MediaAttachment): boolean {
  return Date.now() >= media.readyAt;
}

/** Mastodon's `audio_or_video?`, which decides the size limit and forbids mixing with pictures. */
export function isAudioOrVideo(media: Pick<MediaAttachment, 'type'>): boolean {
  return media.type === 'audio' || media.type === 'video';
}

function fileUrl(state: ServerState, media: MediaAttachment): string {
  return `${state.origin}/media/${media.id}/${encodeURIComponent(media.filename)}`;
}

/** The MediaAttachment entity; `url` stays null until processing is over. */
export function serializeMedia(state: ServerState, media: MediaAttachment): MediaAttachmentEntity {
  // The fake makes no thumbnails: pictures and videos preview as themselves, audio has none.
  const visual = media.type === 'image' || media.type === 'gifv' || media.type === 'video';
  return {
    id: media.id,
    type: media.type,
    url: isReady(media) ? fileUrl(state, media) : null,
    preview_url: visual ? fileUrl(state, media) : null,
    remote_url: null,
    preview_remote_url: null,
    meta: media.focus ? { focus: media.focus } : {},
    description: media.description,
    blurhash: visual ? BLURHASH : null,
  };
}

export function storedMedia(state: ServerState, media: MediaAttachment): StoredMedia {
  return { ...serializeMedia(state, media), mime_type: media.contentType, size: media.data.length, status_id: media.statusId };
}

/** "x,y" with each in -1..1, as Mastodon's `focus=` reads it; anything else leaves the focus as it was. */
function parseFocus(value: string | undefined): { x: number; y: number } | undefined {
  const parts = value?.split(',').map(Number);
  if (parts?.length !== 2 || !parts.every((n) => Number.isFinite(n) && n >= -1 && n <= 1)) return undefined;
  const [x = 0, y = 0] = parts;
  return { x, y };
}

function descriptionError(state: ServerState, description: string | undefined): string | undefined {
  const limit = state.limits.descriptionLimit;
  // Ruby's String#length counts code points.
  if (description !== undefined && [...description].length > limit) return `Description is too long (maximum is ${limit} characters)`;
  return undefined;
}

/** Paperclip's content-type and size validators add each message twice, as Mastodon users see them. */
function fileErrors(state: ServerState, contentType: string, size: number): string[] {
  const errors: string[] = [];
  if (!state.limits.supportedMimeTypes.includes(contentType)) errors.push('File content type is invalid', 'File is invalid');
  const limit = isAudioOrVideo({ type: mediaType(contentType) }) ? state.limits.videoSizeLimit : state.limits.imageSizeLimit;
  // Paperclip's `less_than`: a file of exactly the limit is too large.
  if (size >= limit) errors.push(`File must be less than ${humanSize(limit)}`, `File file size must be less than ${humanSize(limit)}`);
  return errors;
}

function validationFailed(errors: string[]): Reply {
  return apiError(422, `Validation failed: ${errors.join(', ')}`);
}

function upload({ state, headers, params }: RequestContext): Reply {
  const user = authorizeUser(state, headers, MEDIA_SCOPES);
  if ('status' in user) return user;
  const file = params.file;
  if (!isUploadedFile(file)) return validationFailed(["File can't be blank"]);
  const contentType = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const description = stringParam(params, 'description');
  const errors = fileErrors(state, contentType, file.data.length);
  const tooLong = descriptionError(state, description);
  if (tooLong) errors.push(tooLong);
  if (errors.length > 0) return validationFailed(errors);
  const media: MediaAttachment = {
    id: state.nextId(),
    userId: user.id,
    type: mediaType(contentType),
    contentType,
    filename: file.filename || 'file',
    data: file.data,
    description: description ?? null,
    focus: parseFocus(stringParam(params, 'focus')) ?? null,
    readyAt: Date.now() + state.mediaProcessingMs,
    statusId: null,
  };
  state.media.set(media.id, media);
  // snac answers 200 at once and calls every upload an image (mastoapi.c /v2/media).
  if (state.dialect.mediaQuirks) return json(200, { ...serializeMedia(state, media), type: 'image' });
  return json(isReady(media) ? 200 : 202, serializeMedia(state, media));
}

/** The caller's own attachment, posted or not (current Mastodon lets posted media be edited), or a 401/403/404 reply. */
function ownMedia({ state, headers, pathParams }: RequestContext): MediaAttachment | Reply {
  const user = authorizeUser(state, headers, MEDIA_SCOPES);
  if ('status' in user) return user;
  const media = state.media.get(pathParams.id ?? '');
  return media && media.userId === user.id ? media : apiError(404, 'Record not found');
}

function show(state: ServerState, media: MediaAttachment): Reply {
  return json(isReady(media) ? 200 : 206, serializeMedia(state, media));
}

function update(state: ServerState, media: MediaAttachment, params: Params): Reply {
  const description = stringParam(params, 'description');
  const tooLong = descriptionError(state, description);
  if (tooLong) return validationFailed([tooLong]);
  if (description !== undefined) media.description = description;
  media.focus = parseFocus(stringParam(params, 'focus')) ?? media.focus;
  return show(state, media);
}

export const mediaRoutes: Route[] = [
  { method: 'POST', path: '/api/v2/media', handle: upload },
  {
    method: 'GET',
    path: /^\/api\/v1\/media\/(?<id>[^/]+)$/,
    handle: (ctx) => {
      // snac has no GET /api/v1/media/:id: never poll after a 200.
      if (ctx.state.dialect.mediaQuirks) return ctx.state.dialect.notFound();
      const media = ownMedia(ctx);
      return 'status' in media ? media : show(ctx.state, media);
    },
  },
  {
    method: 'PUT',
    path: /^\/api\/v1\/media\/(?<id>[^/]+)$/,
    handle: (ctx) => {
      const media = ownMedia(ctx);
      return 'status' in media ? media : update(ctx.state, media, ctx.params);
    },
  },
  {
    // Where `url` and `preview_url` point: the uploaded bytes, as a media server would serve them.
    method: 'GET',
    path: /^\/media\/(?<id>[^/]+)\/(?<name>[^/]+)$/,
    handle: ({ state, pathParams }) => {
      const media = state.media.get(pathParams.id ?? '');
      if (!media || pathParams.name !== encodeURIComponent(media.filename)) return htmlNotFound();
      return { status: 200, contentType: media.contentType, headers: { 'Cache-Control': 'public, max-age=31536000' }, body: media.data };
    },
  },
];
