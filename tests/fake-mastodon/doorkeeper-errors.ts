/** Doorkeeper's error descriptions in Mastodon's English locale (config/locales/doorkeeper.en.yml). */
export const DOORKEEPER_ERRORS = {
  access_denied: 'The resource owner or authorization server denied the request.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_redirect_uri: 'The redirect uri included is not valid.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  invalid_code_challenge_method: 'The code challenge method must be S256.',
  unauthorized_client: 'You are not authorized to revoke this token',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
} as const;

export function missingParam(name: string): string {
  return `Missing required parameter: ${name}.`;
}
