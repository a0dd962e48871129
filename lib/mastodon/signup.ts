import * as z from 'zod/mini';
import { field } from '../stored-check';
import { IdSchema, TextSchema as text } from './fields';
import type { ClientContext } from './context';
import { MastodonError } from './errors';
import { fetchInstanceAnswer, isMissingEndpoint } from './instance';
import { requestJson } from './request';

/**
 * The endpoints of signing up through an app (Mastodon 2.7+): the instance's
 * registrations, rules and policies, POST /api/v1/accounts and the confirmation email.
 */


/** What only the v2 answer tells: unknown where a server answered v1 alone (or nothing usable). */
export const ONLY_IN_V2 = {
  reasonRequired: null,
  minAge: null,
  message: null,
  url: null,
  privacyPolicyUrl: null,
  termsOfServiceUrl: null,
  from: 'v1',
} as const satisfies Partial<SignUpInstance>;

/** Both versions, as the sign-up needs them. */
export interface SignUpInstance {
  domain: string;
  title: string;
  version: string;
  languages: string[];
  enabled: boolean;
  approvalRequired: boolean;
  /** null: the server does not say (before 4.4): ask for a reason whenever approval is. */
  reasonRequired: boolean | null;
  minAge: number | null;
  /** HTML. */
  message: string | null;
  url: string | null;
  privacyPolicyUrl: string | null;
  termsOfServiceUrl: string | null;
  /** Which endpoint answered: v1 has no policy URLs, so they are looked for. */
  from: 'v2' | 'v1';
}

/** What GET /api/v2/instance (or v1, where v2 is missing or says nothing of registrations) says about joining. */
export async function fetchSignUpInstance(ctx: ClientContext): Promise<SignUpInstance> {
  const answer = await fetchInstanceAnswer(ctx, (v2) => v2.registrations !== undefined);
  if ('v2' in answer) {
    const v2 = answer.v2;
    const r = v2.registrations!;
    return {
      domain: v2.domain,
      title: v2.title,
      version: v2.version,
      languages: v2.languages,
      enabled: r.enabled,
      approvalRequired: r.approval_required,
      reasonRequired: r.reason_required,
      minAge: r.min_age !== null && r.min_age > 0 ? r.min_age : null,
      message: r.message,
      url: r.url,
      privacyPolicyUrl: v2.configuration.urls.privacy_policy,
      termsOfServiceUrl: v2.configuration.urls.terms_of_service,
      from: 'v2',
    };
  }
  const v1 = answer.v1;
  return {
    domain: v1.uri.replace(/^https?:\/\//, '').replace(/\/$/, ''),
    title: v1.title,
    version: v1.version,
    languages: v1.languages,
    enabled: v1.registrations,
    approvalRequired: v1.approval_required,
    ...ONLY_IN_V2,
  };
}

/** The Rule entity (hint since 4.3). */
export const RuleSchema = z.object({
  id: IdSchema,
  text: z.string(),
  hint: text,
});
export type Rule = z.infer<typeof RuleSchema>;

/** GET /api/v1/instance/rules (3.4+); [] where the server has none or no such endpoint. */
export async function fetchRules(ctx: ClientContext): Promise<Rule[]> {
  try {
    return await requestJson(ctx, '/api/v1/instance/rules', { schema: z.array(RuleSchema) });
  } catch (error) {
    if (error instanceof MastodonError && isMissingEndpoint(error)) return [];
    throw error;
  }
}

/** Does this page of the instance's API exist (privacy_policy 4.0, terms_of_service 4.4)? */
export async function endpointExists(ctx: ClientContext, path: string): Promise<boolean> {
  try {
    await requestJson(ctx, path, { schema: z.object({ content: z.string() }) });
    return true;
  } catch (error) {
    if (error instanceof MastodonError && (error.kind === 'network' || error.kind === 'timeout')) throw error;
    return false;
  }
}

/** The Token entity POST /api/v1/accounts answers with. */
const TokenSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  scope: text,
});

/** Fields of POST /api/v1/accounts; the 422 `details` are keyed by the same names. */
export const SIGN_UP_FIELDS = ['username', 'email', 'password', 'agreement', 'locale', 'reason', 'date_of_birth'] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];

export interface AccountRequest {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale?: string;
  reason?: string;
  /** ISO 8601 date, where the server has an age limit. */
  dateOfBirth?: string;
}

/** POST /api/v1/accounts with an app (client-credentials) token. */
export async function createAccount(ctx: ClientContext, appToken: string, request: AccountRequest): Promise<{ token: string; scopes: string[] }> {
  const form: Record<string, string> = {
    username: request.username,
    email: request.email,
    password: request.password,
    agreement: String(request.agreement),
  };
  if (request.locale) form.locale = request.locale;
  if (request.reason) form.reason = request.reason;
  if (request.dateOfBirth) form.date_of_birth = request.dateOfBirth;
  const answer = await requestJson(ctx, '/api/v1/accounts', { method: 'POST', json: form, token: appToken, schema: TokenSchema });
  return { token: answer.access_token, scopes: answer.scope.split(/\s+/).filter(Boolean) };
}

/** The codes of ValidationErrorFormatter (Mastodon 3.4+), one per kind of problem. */
export const VALIDATION_CODES = [
  'ERR_BLOCKED',
  'ERR_UNREACHABLE',
  'ERR_TAKEN',
  'ERR_RESERVED',
  'ERR_ACCEPTED',
  'ERR_BLANK',
  'ERR_INVALID',
  'ERR_TOO_LONG',
  'ERR_TOO_SHORT',
  'ERR_INCLUSION',
  'ERR_BELOW_LIMIT',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number] | 'ERR_OTHER';

const FieldErrorSchema = z.object({
  // An unknown code from a newer server still names the field it is about.
  error: z.catch(z.enum(VALIDATION_CODES), 'ERR_OTHER' as never),
  description: text,
});

/** A 422 body: `{error: "Validation failed: …", details: {field: [{error, description}]}}`. */
const ValidationErrorSchema = z.object({
  error: text,
  details: field(z.record(z.string(), z.array(FieldErrorSchema)), {}),
});

export type FieldErrors = Partial<Record<SignUpField, Array<{ code: ValidationCode; description: string }>>>;

/** The per-field problems of a 422 answer (fields Fedipost doesn't send are left out). */
export function validationDetails(error: MastodonError): { fields: FieldErrors; summary: string } | null {
  if (error.kind !== 'http' || error.status !== 422) return null;
  const parsed = ValidationErrorSchema.safeParse(error.details.body);
  if (!parsed.success) return { fields: {}, summary: error.serverText ?? '' };
  const fields: FieldErrors = {};
  for (const [name, errors] of Object.entries(parsed.data.details)) {
    if ((SIGN_UP_FIELDS as readonly string[]).includes(name)) {
      fields[name as SignUpField] = errors.map((e) => ({ code: e.error as ValidationCode, description: e.description }));
    }
  }
  return { fields, summary: parsed.data.error };
}

/** POST /api/v1/emails/confirmations (3.4+) with the new account's own token. */
export async function resendConfirmation(ctx: ClientContext, token: string, email?: string): Promise<void> {
  await requestJson(ctx, '/api/v1/emails/confirmations', {
    method: 'POST',
    json: email ? { email } : {},
    token,
    schema: z.unknown(),
  });
}
