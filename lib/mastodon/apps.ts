import * as z from 'zod/mini';
import type { ClientContext } from './context';
import { requestJson } from './request';

/** The Application entity as returned by POST /api/v1/apps (secret included). */
export const RegisteredAppSchema = z.object({
  client_id: z.string().check(z.minLength(1)),
  client_secret: z.string().check(z.minLength(1)),
});
export type RegisteredApp = z.infer<typeof RegisteredAppSchema>;

export interface AppRegistrationRequest {
  clientName: string;
  redirectUris: string[];
  scopes: string;
  website?: string;
}

/**
 * POST /api/v1/apps. Several redirect URIs go newline-separated, as Mastodon's docs show.
 * @see https://docs.joinmastodon.org/methods/apps/#create
 */
export function registerApp(ctx: ClientContext, request: AppRegistrationRequest): Promise<RegisteredApp> {
  const json: Record<string, string> = {
    client_name: request.clientName,
    redirect_uris: request.redirectUris.join('\n'),
    scopes: request.scopes,
  };
  if (request.website) json.website = request.website;
  return requestJson(ctx, '/api/v1/apps', { method: 'POST', json, schema: RegisteredAppSchema });
}

/** The Application entity as GET /api/v1/apps/verify_credentials shows it (no secret). */
export const VerifiedAppSchema = z.object({
  name: z.optional(z.catch(z.string(), '')),
  /** Mastodon ≥ 4.3 lists them; older servers only have `redirect_uri`, or nothing. */
  redirect_uris: z.optional(z.catch(z.array(z.string()), [])),
  redirect_uri: z.optional(z.catch(z.string(), '')),
  scopes: z.optional(z.catch(z.array(z.string()), [])),
});
export type VerifiedApp = z.infer<typeof VerifiedAppSchema>;

/**
 * GET /api/v1/apps/verify_credentials with an app token.
 * @see https://docs.joinmastodon.org/methods/apps/#verify_credentials
 */
export function verifyAppCredentials(ctx: ClientContext, appToken: string): Promise<VerifiedApp> {
  return requestJson(ctx, '/api/v1/apps/verify_credentials', { token: appToken, schema: VerifiedAppSchema });
}

/** The redirect URIs a server reports for an app, in either of its two shapes. */
export function reportedRedirectUris(app: VerifiedApp): string[] | null {
  if (app.redirect_uris && app.redirect_uris.length > 0) return app.redirect_uris;
  if (app.redirect_uri) return app.redirect_uri.split(/\s+/).filter(Boolean);
  return null;
}
