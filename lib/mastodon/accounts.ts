import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { requestJson } from './request';

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const text = z.catch(z._default(z.string(), ''), '');

/** The Source entity: the account's own posting defaults. */
export const SourceSchema = z.object({
  privacy: z.catch(z._default(z.enum(VISIBILITIES), 'public'), 'public'),
  language: z.catch(z._default(z.nullable(z.string()), null), null),
  sensitive: z.catch(z._default(z.boolean(), false), false),
});

/** CredentialAccount, reduced to what Fedipost keeps; unknown fields are ignored. */
export const CredentialAccountSchema = z.object({
  id: z.pipe(z.union([z.string(), z.number()]), z.transform(String)),
  username: z.string().check(z.minLength(1)),
  acct: text,
  display_name: text,
  avatar: text,
  url: text,
  source: z.catch(z._default(SourceSchema, { privacy: 'public', language: null, sensitive: false }), {
    privacy: 'public',
    language: null,
    sensitive: false,
  }),
});
export type CredentialAccount = z.infer<typeof CredentialAccountSchema>;

/**
 * GET /api/v1/accounts/verify_credentials: who the token belongs to.
 * @see https://docs.joinmastodon.org/methods/accounts/#verify_credentials
 */
export function verifyCredentials(ctx: ClientContext, token: string): Promise<CredentialAccount> {
  return requestJson(ctx, '/api/v1/accounts/verify_credentials', { token, schema: CredentialAccountSchema });
}
