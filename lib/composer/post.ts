import type { StoredAccount } from '../accounts';
import { MastodonError } from '../mastodon/errors';
import { latestStatuses, type NewStatus, type Status } from '../mastodon/statuses';
import type { ClientContext } from '../mastodon/context';
import type { PostError } from '../messages';
import type { Draft, QuotedPost } from './draft';
import { postLanguage } from './language';
import { effectiveSpoiler } from './rules';

/** The draft as POST /api/v1/statuses parameters; null fields fall back to the account's defaults. */
export function toNewStatus(draft: Draft, account: StoredAccount, uiLanguage: string, quotes = false): NewStatus {
  const media = draft.media.flatMap((m) => (m.serverId ? [m.serverId] : []));
  const visibility = draft.visibility ?? account.defaults.visibility;
  return {
    ...(quotes ? quoteFields(draft, account, visibility) : {}),
    status: draft.text,
    spoilerText: effectiveSpoiler(draft),
    visibility,
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

/** `automatic` quotes at once; `manual` asks the author; `denied` and `unknown` can't. */
export function isQuotable(approval: QuotedPost['approval']): boolean {
  return approval === 'automatic' || approval === 'manual';
}

/** Whether the draft will be sent as a quote (which Mastodon takes without media or poll). */
export function quoting(draft: Pick<Draft, 'share' | 'accountId'>): boolean {
  const quote = draft.share?.quote;
  return !!(quote?.on && quote.post && quote.accountId === draft.accountId && isQuotable(quote.post.approval));
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

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Clocks differ between machines; a post made "before" the attempt by this much still counts. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/**
 * After an attempt whose answer was lost, the post may exist even where the server
 * ignores Idempotency-Key: look for it among the account's newest posts.
 */
export async function findUnconfirmedPost(
  ctx: ClientContext,
  account: StoredAccount,
  draft: Draft,
): Promise<Status | null> {
  if (draft.unconfirmedSince === null || draft.scheduledAt) return null;
  const since = draft.unconfirmedSince - CLOCK_SKEW_MS;
  const recent = await latestStatuses(ctx, account.token, account.serverId);
  const wanted = normalise(draft.text);
  return (
    recent.find(
      (status) =>
        (Number.isNaN(Date.parse(status.created_at)) || Date.parse(status.created_at) >= since) &&
        normalise(plainText(status.content)) === wanted &&
        status.spoiler_text === effectiveSpoiler(draft),
    ) ?? null
  );
}

/** Did the server perhaps post it anyway? (No answer, or a 5xx from somewhere on the way.) */
export function outcomeUnknown(error: unknown): boolean {
  return (
    error instanceof MastodonError &&
    (error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'http' && (error.status ?? 0) >= 500))
  );
}

export function postErrorFrom(error: unknown, accountId: string): PostError {
  if (!(error instanceof MastodonError)) return { code: 'unexpected-response' };
  const { status, retryAt } = error.details;
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return { code: 'unreachable' };
    case 'http':
      if (status === 401) return { code: 'unauthorized', accountId };
      if (status === 403) return { code: 'forbidden', detail: error.serverText };
      if (status === 429) return { code: 'rate-limited', retryAt };
      if (status !== undefined && status >= 500) return { code: 'server-error', status };
      return { code: 'rejected', status: status ?? 0, detail: error.serverText };
    default:
      return { code: 'unexpected-response' };
  }
}
