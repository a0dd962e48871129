import type { DraftQuote, QuotedPost } from '../composer/draft';
import { plainText } from '../composer/post';
import type { ClientContext } from '../mastodon/context';
import { QUOTES_API_VERSION } from '../mastodon/instance';
import { resolveStatus, type Status } from '../mastodon/statuses';

export interface QuoteCheckInput {
  ctx: ClientContext;
  token: string;
  scopes: readonly string[];
  /** The instance's `api_versions.mastodon` (0: none). */
  apiVersion: number;
  /** The shared page, and its ActivityPub alternate link if it has one. */
  url: string;
  activityPub: string | null;
}

/** Search needs `read:search` (or all of `read`). */
function canSearch(scopes: readonly string[]): boolean {
  return scopes.includes('read:search') || scopes.includes('read');
}

function quotedPost(status: Status): QuotedPost {
  const image = status.media_attachments.find((m) => m.type === 'image' || m.type === 'gifv')?.preview_url ?? null;
  return {
    id: status.id,
    url: status.url ?? status.uri,
    authorAcct: status.account?.acct ?? '',
    authorName: status.account?.display_name || status.account?.username || '',
    text: plainText(status.content).trim().slice(0, 500),
    image: image && /^https?:\/\//.test(image) ? image : null,
    approval: status.quote_approval?.current_user ?? 'unknown',
    followersOnly: status.quote_approval?.automatic.includes('followers') ?? false,
  };
}

/**
 * Is the shared page a fediverse post this account can quote? Its URL is resolved through
 * the account's own instance; the page's ActivityPub link is tried next, and tells a post
 * apart from an ordinary page when nothing resolves. Never throws: whatever fails, the page
 * is shared as a link.
 */
export async function checkQuote(input: QuoteCheckInput): Promise<Pick<DraftQuote, 'check' | 'post'>> {
  const fediversePage = input.activityPub !== null;
  if (input.apiVersion < QUOTES_API_VERSION) return { check: fediversePage ? 'unsupported' : 'none', post: null };
  if (!canSearch(input.scopes)) return { check: fediversePage ? 'needs-reconnect' : 'none', post: null };
  const candidates = [...new Set([input.url, input.activityPub].filter((u): u is string => !!u))];
  for (const url of candidates) {
    const status = await resolveStatus(input.ctx, input.token, url).catch(() => null);
    if (status) return { check: 'found', post: quotedPost(status) };
  }
  return { check: fediversePage ? 'unresolved' : 'none', post: null };
}
