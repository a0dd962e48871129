import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { requestJson } from './request';

/** RFC 8414 metadata, served by Mastodon ≥ 4.3. Optional everywhere else. */
export const AuthServerMetadataSchema = z.object({
  issuer: z.optional(z.string()),
  authorization_endpoint: z.optional(z.string()),
  token_endpoint: z.optional(z.string()),
  revocation_endpoint: z.optional(z.string()),
  app_registration_endpoint: z.optional(z.string()),
  scopes_supported: z.catch(z._default(z.array(z.string()), []), []),
  code_challenge_methods_supported: z.catch(z._default(z.array(z.string()), []), []),
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
