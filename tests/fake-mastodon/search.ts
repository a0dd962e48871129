import { serializeAccount } from './accounts.ts';
import { optionalViewer } from './auth.ts';
import { apiError, json, type Route } from './http.ts';
import { stringParam } from './params.ts';
import type { ServerState } from './state.ts';
import { statusesFound } from './statuses.ts';

/** Api::V2::SearchController: `doorkeeper_authorize! :read, :'read:search'`. */
const SEARCH_SCOPES = ['read', 'read:search'];
/** Api::V2::SearchController::RESULTS_LIMIT. */
const RESULTS_LIMIT = 20;

/**
 * Accounts of other servers this one already knows (federated earlier): with
 * resolve=false, search finds only known accounts, and a remote one's `acct` is user@domain.
 */
const KNOWN_REMOTE_ACCOUNTS = [
  { username: 'carol', domain: 'remote.example', displayName: 'Carol Remote' },
  { username: 'alina', domain: 'elsewhere.example', displayName: 'Alina Elsewhere' },
];

/** Hashtags the server has seen, as Mastodon keeps them in its tags table. */
const KNOWN_TAGS = ['fediverse', 'fedipost', 'caturday', 'photography', 'cats'];

/** The instance's custom emoji; one hidden from the picker, as admins can set it. */
const CUSTOM_EMOJI = [
  { shortcode: 'blobcat', category: 'Blobs', visible: true },
  { shortcode: 'blobcat_heart', category: 'Blobs', visible: true },
  { shortcode: 'fedipost', category: null, visible: true },
  { shortcode: 'admin_only', category: null, visible: false },
];

function emojiEntity(state: ServerState, emoji: (typeof CUSTOM_EMOJI)[number]) {
  const url = `${state.origin}/emoji/${emoji.shortcode}.png`;
  return { shortcode: emoji.shortcode, url, static_url: url, visible_in_picker: emoji.visible, category: emoji.category };
}

function remoteAccountEntity(state: ServerState, remote: (typeof KNOWN_REMOTE_ACCOUNTS)[number]) {
  return {
    id: `remote-${remote.username}`,
    username: remote.username,
    acct: `${remote.username}@${remote.domain}`,
    display_name: remote.displayName,
    url: `https://${remote.domain}/@${remote.username}`,
    // The server caches remote avatars and serves them itself.
    avatar: `${state.origin}/avatars/${remote.username}.png`,
    avatar_static: `${state.origin}/avatars/${remote.username}.png`,
  };
}

/** AccountSearchService, reduced: a prefix of the username (or of user@domain) or of a word of the display name. */
function matchesAccount(username: string, domain: string | null, displayName: string, q: string): boolean {
  const query = q.replace(/^@/, '').toLowerCase();
  const [user, host] = query.split('@') as [string, string | undefined];
  if (host !== undefined) return username.toLowerCase() === user && (domain ?? '').toLowerCase().startsWith(host);
  return username.toLowerCase().startsWith(user) || displayName.toLowerCase().split(/\s+/).some((word) => word.startsWith(user));
}

export const searchRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v2/search',
    handle: ({ state, headers, params }) => {
      const viewer = optionalViewer(state, headers, SEARCH_SCOPES);
      if ('status' in viewer) return viewer;
      const q = (stringParam(params, 'q') ?? '').trim();
      const type = stringParam(params, 'type');
      // Signed-out searches may not resolve or page (Mastodon ≥ 4.0).
      if (!viewer.viewer && stringParam(params, 'resolve') === 'true') return apiError(401, 'Search queries that resolve remote resources are not supported without authentication');
      const limit = Math.min(Number.parseInt(stringParam(params, 'limit') ?? '', 10) || RESULTS_LIMIT, RESULTS_LIMIT * 2);
      const wants = (kind: string) => type === undefined || type === kind;
      const accounts =
        q === '' || !wants('accounts')
          ? []
          : [
              ...[...state.users.values()].filter((u) => matchesAccount(u.username, null, u.displayName, q)).map((u) => serializeAccount(state, u)),
              ...KNOWN_REMOTE_ACCOUNTS.filter((r) => matchesAccount(r.username, r.domain, r.displayName, q)).map((r) => remoteAccountEntity(state, r)),
            ].slice(0, limit);
      const tagQuery = q.replace(/^#/, '').toLowerCase();
      const hashtags =
        tagQuery === '' || !wants('hashtags')
          ? []
          : KNOWN_TAGS.filter((name) => name.startsWith(tagQuery))
              .slice(0, limit)
              .map((name) => ({ name, url: `${state.origin}/tags/${name}`, history: [] }));
      const statuses = q === '' || !wants('statuses') ? [] : statusesFound(state, q, stringParam(params, 'resolve') === 'true', viewer.viewer).slice(0, limit);
      return json(200, { accounts, statuses, hashtags });
    },
  },
  {
    // Public, no token: CustomEmojisController.
    method: 'GET',
    path: '/api/v1/custom_emojis',
    handle: ({ state }) => json(200, CUSTOM_EMOJI.map((emoji) => emojiEntity(state, emoji))),
  },
];
