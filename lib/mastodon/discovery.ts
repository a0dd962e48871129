import * as z from 'zod/mini';
import { field } from '../stored-check';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

/**
 * RFC 8414 metadata, served by Mastodon ≥ 4.3; optional everywhere else. Only the scopes
 * are read (they choose granular or classic scopes); the endpoints are Mastodon's fixed
 * paths on the origin (lib/mastodon/oauth.ts).
 */
export const AuthServerMetadataSchema = z.object({
  scopes_supported: field(z.array(z.string()), []),
});
export type AuthServerMetadata = z.infer<typeof AuthServerMetadataSchema>;

/**
 * The metadata, or null when the server does not publish it (or publishes nonsense).
 * @see https://docs.joinmastodon.org/methods/oauth/#authorization-server-metadata
 */
export async function fetchAuthServerMetadata(ctx: ClientContext): Promise<AuthServerMetadata | null> {
  try {
    return await requestJson(ctx, '/.well-known/oauth-authorization-server', { schema: AuthServerMetadataSchema });
  } catch (error) {
    if (error instanceof MastodonError && error.kind !== 'network' && error.kind !== 'timeout') return null;
    throw error;
  }
}
