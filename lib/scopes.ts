/**
 * Which scopes Fedipost asks for. Least privilege where the server says it knows the
 * granular scopes (discovery metadata, Mastodon ≥ 4.3); `read write` elsewhere, since
 * servers that don't know a granular scope reject the whole request.
 */
// read:statuses: after a post whose answer was lost, the account's latest posts are
// checked for it (Mastodon wants a read scope whenever a token is sent there).
// read:search: the composer suggests accounts and hashtags as the person types, and a shared
// page's URL is resolved through the instance to quote the post. Registrations are keyed by
// their scopes, so one cached without it is replaced.
export const GRANULAR_SCOPES = ['read:accounts', 'read:search', 'read:statuses', 'write:statuses', 'write:media'] as const;
export const FALLBACK_SCOPES = 'read write';

export function chooseScopes(scopesSupported: readonly string[] | undefined): string {
  const supported = new Set(scopesSupported ?? []);
  return GRANULAR_SCOPES.every((scope) => supported.has(scope)) ? GRANULAR_SCOPES.join(' ') : FALLBACK_SCOPES;
}
