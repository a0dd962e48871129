/** Every scope Mastodon 4.5 configures in Doorkeeper (default_scopes + optional_scopes). */
export const SUPPORTED_SCOPES: readonly string[] = [
  'read',
  'profile',
  'write',
  'write:accounts',
  'write:blocks',
  'write:bookmarks',
  'write:conversations',
  'write:favourites',
  'write:filters',
  'write:follows',
  'write:lists',
  'write:media',
  'write:mutes',
  'write:notifications',
  'write:reports',
  'write:statuses',
  'read:accounts',
  'read:blocks',
  'read:bookmarks',
  'read:favourites',
  'read:filters',
  'read:follows',
  'read:lists',
  'read:mutes',
  'read:notifications',
  'read:search',
  'read:statuses',
  'follow',
  'push',
  'admin:read',
  'admin:read:accounts',
  'admin:read:reports',
  'admin:read:domain_allows',
  'admin:read:domain_blocks',
  'admin:read:ip_blocks',
  'admin:read:email_domain_blocks',
  'admin:read:canonical_email_blocks',
  'admin:write',
  'admin:write:accounts',
  'admin:write:reports',
  'admin:write:domain_allows',
  'admin:write:domain_blocks',
  'admin:write:ip_blocks',
  'admin:write:email_domain_blocks',
  'admin:write:canonical_email_blocks',
];

export const DEFAULT_SCOPES = ['read'];

/** Space-separated scopes, as the apps, authorize and token endpoints take them; empty → undefined. */
export function parseScopes(value: string | undefined): string[] | undefined {
  const scopes = [...new Set((value ?? '').split(/\s+/).filter(Boolean))];
  return scopes.length > 0 ? scopes : undefined;
}

/** Doorkeeper compares scopes literally: `write:statuses` is not granted by a registered `write`. */
export function isSubset(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((scope) => allowed.includes(scope));
}

/** A token passes an endpoint's check when it holds any one of the scopes listed for it. */
export function hasAnyScope(granted: readonly string[], accepted: readonly string[]): boolean {
  return accepted.some((scope) => granted.includes(scope));
}
