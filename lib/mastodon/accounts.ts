import * as z from 'zod/mini';
import { field } from '../stored-check';
import { IdSchema, TextSchema as text } from './fields';
import { isValidUsername } from '../instance-input';
import type { ClientContext } from './context';
import { requestJson } from './request';
import { QUOTE_POLICIES } from './statuses';
import { WebUrlSchema } from './web-url';

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];


const ACCT_DOMAIN = /^@[a-z0-9.-]+(?::\d+)?$/i;

function isValidAcct(acct: string): boolean {
  const at = acct.indexOf('@');
  return at < 0 ? isValidUsername(acct) : isValidUsername(acct.slice(0, at)) && ACCT_DOMAIN.test(acct.slice(at));
}

/** The Source entity: the account's own posting defaults. */
export const SourceSchema = z.object({
  privacy: field(z.enum(VISIBILITIES), 'public'),
  // "" (Mastodon's documented example) means no default language, like null.
  language: z.pipe(
    field(z.nullable(z.string()), null),
    z.transform((language) => language || null),
  ),
  sensitive: field(z.boolean(), false),
  /** Mastodon ≥ 4.5: who may quote the account's posts unless a post says otherwise. */
  quote_policy: field(z.nullable(z.enum(QUOTE_POLICIES)), null),
});

/** CredentialAccount, reduced to what Fedipost keeps; unknown fields are ignored. */
export const CredentialAccountSchema = z.object({
  id: IdSchema,
  // It becomes the account's id (`alice@host`) and shows in menus: the same rule as typed names.
  username: z.string().check(z.refine(isValidUsername)),
  /** `alice`, or `alice@host` where a server adds its domain. */
  acct: z._default(z.string().check(z.refine(isValidAcct)), ''),
  display_name: text,
  avatar: WebUrlSchema,
  url: WebUrlSchema,
  source: z.catch(z._default(SourceSchema, { privacy: 'public', language: null, sensitive: false, quote_policy: null }), {
    privacy: 'public',
    language: null,
    sensitive: false,
    quote_policy: null,
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
