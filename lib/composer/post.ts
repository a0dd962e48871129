import type { StoredAccount } from '../accounts';
import { CLIENT_NAME } from '../fedipost-app';
import { MastodonError } from '../mastodon/errors';
import { updateMedia } from '../mastodon/media';
import { deleteStatus, latestStatuses, postStatus, scheduledStatuses, type NewStatus, type Status } from '../mastodon/statuses';
import type { ClientContext } from '../mastodon/context';
import type { PostError, PostOutcome } from '../messages';
import type { ServerProfile } from '../server-profile';
import type { Draft, DraftMedia } from './draft';
import { postLanguage } from './language';
import { effectiveSpoiler, isQuotable } from './rules';
import { ProcessingTimeout } from './upload';

/** The draft as POST /api/v1/statuses parameters, in the words the account's server understands. */
export function toNewStatus(draft: Draft, account: StoredAccount, uiLanguage: string, profile: ServerProfile, quotes = false): NewStatus {
  const media = draft.media.flatMap((m) => (m.serverId ? [m.serverId] : []));
  const chosen = draft.visibility === 'mutuals_only' && !profile.mutualsOnly ? 'private' : draft.visibility;
  const visibility = chosen ?? account.defaults.visibility;
  const localOnly = Boolean(draft.localOnly) && profile.localOnly !== null;
  return {
    ...(quotes ? quoteFields(draft, account, visibility) : {}),
    status: draft.text,
    spoilerText: effectiveSpoiler(draft),
    // Pleroma/Akkoma keep a post local with a visibility of its own; others with a flag.
    visibility: localOnly && profile.localOnly === 'visibility' ? 'local' : visibility,
    localOnly: localOnly && profile.localOnly === 'flag',
    contentType: draft.contentType && profile.contentTypes.includes(draft.contentType) ? draft.contentType : null,
    language: postLanguage(draft.language, account.defaults.language, uiLanguage),
    sensitive: media.length > 0 && draft.sensitive,
    mediaIds: media,
    poll: media.length === 0 ? draft.poll : null,
    scheduledAt: draft.scheduledAt ? new Date(draft.scheduledAt).toISOString() : null,
  };
}

/**
 * Quote fields, only where the instance has quotes (API version 7): the quoted post when
 * the person chose to quote one this account may quote, and who may quote this post —
 * nobody for private and direct posts, as Mastodon itself fixes it.
 */
function quoteFields(draft: Draft, account: StoredAccount, visibility: NewStatus['visibility']): Pick<NewStatus, 'quotedStatusId' | 'quotePolicy'> {
  const quote = draft.share?.quote;
  const quotable = quote?.on && quote.post && quote.accountId === account.id && isQuotable(quote.post.approval);
  const policy = visibility === 'private' || visibility === 'direct' ? 'nobody' : (draft.quotePolicy ?? account.defaults.quotePolicy ?? null);
  return { quotedStatusId: quotable ? quote.post!.id : null, quotePolicy: policy };
}

/** A status's HTML content as the plain text it was made from (enough to compare). */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|apos|nbsp|amp);/g, (_, entity: string) =>
      ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ', amp: '&' })[entity] ?? '',
    );
}

const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/=])@([\p{L}\p{N}_.-]+)@[\p{L}\p{N}_.-]+[\p{L}\p{N}_]/gu;
const URL_TEXT = /\bhttps?:\/\/\S+/giu;
/**
 * Mastodon 4.5 puts `RE: <link>` before a quote's text, for readers whose software shows
 * no quotes (https://docs.joinmastodon.org/client/quotes/): not part of what was written.
 */
const QUOTE_INLINE = /<p\b[^>]*class="[^"]*\bquote-inline\b[^"]*"[^>]*>[\s\S]*?<\/p>/gi;
/** A link whose shown text is a web address: servers shorten that text as they like. */
const URL_LINK = /<a\b[^>]*>((?:(?!<\/a>)[\s\S])*)<\/a>/gi;

/**
 * What must survive any server's rendering of a text: its letters and digits, in order,
 * web addresses left out. HTML, Markdown, links shown shortened ("example.com/lo…"),
 * white space and `@user@domain` shown as `@user` change everything else.
 */
export function essence(text: string): string {
  const withoutLinks = text.replace(QUOTE_INLINE, ' ').replace(URL_LINK, (link, inner: string) => (/^\s*(https?:|[\w-]+\.[\w.-]+\/)/i.test(plainText(inner)) ? ' ' : link));
  return plainText(withoutLinks)
    .replace(URL_TEXT, ' ')
    .normalize('NFC')
    .replace(REMOTE_MENTION, '$1@$2')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** What the server made of a post, where it differs from what was sent. */
export type Difference = 'text' | 'visibility' | 'spoiler';

/** Who may see a post, narrowest first; `local` is public on its own server only. */
const REACH = ['direct', 'mutuals_only', 'private', 'unlisted', 'local', 'public'];

/** Seen by more people than asked for. A narrower answer (a server without that option) harms no one. */
function wider(shown: string | null, sent: string): boolean {
  const [a, b] = [REACH.indexOf(shown ?? ''), REACH.indexOf(sent)];
  return a !== -1 && b !== -1 && a > b;
}

/** Compares a created status with the request: a 200 is not trusted blindly (DESIGN §9). */
export function differences(sent: NewStatus, status: Status): Difference[] {
  const found: Difference[] = [];
  if (essence(status.content) !== essence(sent.status)) found.push('text');
  if (wider(status.visibility, sent.visibility)) found.push('visibility');
  if (essence(status.spoiler_text) !== essence(sent.spoilerText ?? '')) found.push('spoiler');
  return found;
}

/** Clocks differ between machines; a post made "before" the attempt by this much still counts. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;
/** A browser re-sends a broken POST within seconds: copies of an answered post are this close to it (server time). */
const RESEND_WINDOW_MS = 30 * 1000;

/** When copies may have been made: from an attempt (our clock) or around an answered post (the server's). */
export type CopyWindow = { attemptSince: number } | { around: string };

function inWindow(createdAt: string, window: CopyWindow): boolean {
  const at = Date.parse(createdAt);
  if (Number.isNaN(at)) return 'attemptSince' in window;
  if ('attemptSince' in window) return at >= window.attemptSince - CLOCK_SKEW_MS;
  const anchor = Date.parse(window.around);
  return !Number.isNaN(anchor) && Math.abs(at - anchor) <= RESEND_WINDOW_MS;
}

/** A post this draft made: the server's id, and whether it is a scheduled one. */
export interface Copy {
  id: string;
  url: string | null;
  scheduled: boolean;
  scheduledAt: string | null;
}

/**
 * Every post this draft made in the window: same text and warning, posted by Fedipost.
 * Needed because not every server honours Idempotency-Key, and a browser may re-send a
 * POST whose connection broke. Oldest first.
 */
export async function findCopies(ctx: ClientContext, account: StoredAccount, draft: Draft, window: CopyWindow): Promise<Copy[]> {
  const wanted = essence(draft.text);
  if (draft.scheduledAt) {
    const scheduled = await scheduledStatuses(ctx, account.token);
    return scheduled
      .filter((s) => essence(s.params.text ?? '') === wanted)
      .map((s) => ({ id: s.id, url: null, scheduled: true, scheduledAt: s.scheduled_at }))
      .reverse();
  }
  const recent = await latestStatuses(ctx, account.token, account.serverId);
  const spoiler = essence(effectiveSpoiler(draft));
  return recent
    .filter(
      (status) =>
        inWindow(status.created_at, window) &&
        (status.application === null || status.application.name === CLIENT_NAME) &&
        essence(status.content) === wanted &&
        essence(status.spoiler_text) === spoiler,
    )
    .map((status) => ({ id: status.id, url: status.url, scheduled: false, scheduledAt: null }))
    .reverse();
}

/** Alt text changed since the upload goes to the server before the post that shows it. */
export async function syncDescriptions(ctx: ClientContext, token: string, media: readonly DraftMedia[]): Promise<void> {
  for (const m of media) {
    if (m.serverId && !m.descriptionSynced) await updateMedia(ctx, token, m.serverId, m.description);
  }
}

/** Deletes the copies; how many went. A failed delete leaves that copy, and says so by the count. */
export async function deleteCopies(ctx: ClientContext, token: string, copies: readonly Copy[]): Promise<number> {
  let deleted = 0;
  for (const copy of copies) {
    try {
      await deleteStatus(ctx, token, copy.id, copy.scheduled);
      deleted += 1;
    } catch {
      // Left for the person to see: the outcome reports how many went.
    }
  }
  return deleted;
}

/** The oldest copy stays (it is the post); the others are deleted. With the kept status's id (none when scheduled). */
export async function keepOne(ctx: ClientContext, token: string, copies: Copy[]): Promise<[PostOutcome & { ok: true }, string | null]> {
  const [kept, ...extra] = copies as [Copy, ...Copy[]];
  const removed = await deleteCopies(ctx, token, extra);
  const outcome = {
    ok: true as const,
    url: kept.url,
    scheduledAt: kept.scheduledAt,
    ...(extra.length > 0 ? { removedCopies: removed, leftCopies: extra.length - removed } : {}),
  };
  // The kept status's id: what Undo deletes (a scheduled one has none to undo).
  return [outcome, kept.scheduled ? null : kept.id];
}

/** What sending one post came to: the post (with the status Undo could delete), or why it does not stand. */
export type Published = { ok: true; outcome: PostOutcome & { ok: true }; statusId: string | null } | { ok: false; error: PostError };

/**
 * Sends one status and checks what came back. A 200 is not trusted blindly (DESIGN §9):
 * a post the server made something else of is deleted; where the server ignores
 * Idempotency-Key (`honoursKey` false), copies that a re-sent request made are removed.
 */
export async function publish(
  ctx: ClientContext,
  account: StoredAccount,
  draft: Draft,
  sent: NewStatus,
  idempotencyKey: string,
  honoursKey: boolean,
): Promise<Published> {
  const result = await postStatus(ctx, account.token, sent, idempotencyKey);
  if (result.kind === 'scheduled') return { ok: true, outcome: { ok: true, url: null, scheduledAt: result.scheduled.scheduled_at }, statusId: null };
  const altered = differences(sent, result.status);
  if (altered.length > 0) {
    // Not what the person wrote: it must not stay on their profile under their name.
    const gone = await deleteCopies(ctx, account.token, [{ id: result.status.id, url: null, scheduled: false, scheduledAt: null }]);
    return { ok: false, error: { code: 'server-altered', differences: altered, deleted: gone === 1 } };
  }
  const outcome = { ok: true as const, url: result.status.url, scheduledAt: null };
  if (!honoursKey) {
    // A browser re-sends a POST whose connection broke; where the key is ignored that
    // made more posts than the one answered: keep the answered one only.
    const extra = (await findCopies(ctx, account, draft, { around: result.status.created_at })).filter((c) => c.id !== result.status.id);
    if (extra.length > 0) {
      const removed = await deleteCopies(ctx, account.token, extra);
      return { ok: true, outcome: { ...outcome, removedCopies: removed, leftCopies: extra.length - removed }, statusId: result.status.id };
    }
  }
  return { ok: true, outcome, statusId: result.status.id };
}

/**
 * Did the server perhaps post it anyway? (No answer, a 5xx from somewhere on the way, or
 * a success we could not read.)
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof MastodonError)) return false;
  const status = error.status ?? 0;
  return (
    error.kind === 'network' ||
    error.kind === 'timeout' ||
    // An answer too large to read was still an answer: the post may be behind it.
    error.kind === 'too-large' ||
    (error.kind === 'http' && status >= 500) ||
    // A 2xx whose body is not a status: the server most likely took the post. Pressed
    // again, Post looks for it first; a server that ignores Idempotency-Key would copy it.
    ((error.kind === 'not-json' || error.kind === 'shape') && status >= 200 && status < 300)
  );
}

/** Words a server uses when a post is too long (Mastodon, GoToSocial, Pleroma, Misskey). */
const TOO_LONG = /character limit|too long|exceeds?\b.*\b(chars|characters)|max(imum)? (chars|characters)|over the character/i;

export function postErrorFrom(error: unknown, accountId: string, profile?: ServerProfile, limit?: number): PostError {
  // Not a bad answer: the server took the file and is still at it.
  if (error instanceof ProcessingTimeout) return { code: 'processing-timeout' };
  if (!(error instanceof MastodonError)) return { code: 'unexpected-response' };
  const { status, retryAt } = error.details;
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return { code: 'unreachable' };
    case 'http':
      if (status === 401 || (status !== undefined && profile?.badTokenStatuses.includes(status) && !/scope|permission/i.test(error.serverText ?? ''))) {
        return { code: 'unauthorized', accountId };
      }
      if (status === 403) return { code: 'forbidden', detail: error.serverText };
      if (status === 429) return { code: 'rate-limited', retryAt };
      if (status !== undefined && status >= 500) return { code: 'server-error', status };
      if (limit !== undefined && TOO_LONG.test(error.serverText ?? '')) {
        return { code: 'too-long', status: status ?? 0, detail: error.serverText, limit };
      }
      return { code: 'rejected', status: status ?? 0, detail: error.serverText };
    case 'too-large':
      return { code: 'response-too-large' };
    case 'redirected':
      return { code: 'redirected' };
    default:
      return { code: 'unexpected-response' };
  }
}
