import { authorizeUser } from './auth.ts';
import { json, type Route } from './http.ts';
import type { ServerState, User } from './state.ts';
import type { AccountEntity } from './types.ts';

/** Mastodon reports account creation dates at midnight UTC, for privacy. */
function midnight(date: Date): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())).toISOString();
}

/** The Account entity of a local user. */
export function serializeAccount(state: ServerState, user: User): AccountEntity {
  const statuses = [...state.statuses.values()].filter((status) => status.userId === user.id);
  const last = statuses.at(-1);
  return {
    id: user.id,
    username: user.username,
    acct: user.domain ? `${user.username}@${user.domain}` : user.username,
    display_name: user.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: midnight(user.createdAt),
    note: '',
    url: user.domain ? `https://${user.domain}/@${user.username}` : `${state.origin}/@${user.username}`,
    uri: `${state.origin}/users/${user.username}`,
    avatar: `${state.origin}/avatars/${user.username}.png`,
    avatar_static: `${state.origin}/avatars/${user.username}.png`,
    header: `${state.origin}/headers/original/missing.png`,
    header_static: `${state.origin}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: statuses.length,
    // A date without time, as Mastodon gives it.
    last_status_at: last ? last.createdAt.toISOString().slice(0, 10) : null,
    hide_collections: false,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [],
  };
}

/** The CredentialAccount: the Account plus `source` (defaults for composing) and `role`. */
function serializeCredentialAccount(state: ServerState, user: User): Record<string, unknown> {
  return {
    ...serializeAccount(state, user),
    source: {
      privacy: user.privacy,
      sensitive: false,
      language: user.language,
      note: '',
      fields: [],
      follow_requests_count: 0,
      hide_collections: false,
      discoverable: true,
      indexable: true,
      attribution_domains: [],
      // Mastodon 4.5 (API version 7).
      ...(state.apiVersion >= 7 ? { quote_policy: user.quotePolicy } : {}),
    },
    role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false },
  };
}

export const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/accounts/verify_credentials',
    handle: ({ state, headers }) => {
      const user = authorizeUser(state, headers, ['profile', 'read', 'read:accounts']);
      return 'status' in user ? user : json(200, serializeCredentialAccount(state, user));
    },
  },
];
