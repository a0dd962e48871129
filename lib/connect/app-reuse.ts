import { ConnectFailure, connectErrorFrom } from './errors';
import { reportedRedirectUris, verifyAppCredentials } from '../mastodon/apps';
import type { ClientContext } from '../mastodon/context';
import { MastodonError } from '../mastodon/errors';
import { clientCredentialsToken, revokeToken, type AppCredentials } from '../mastodon/oauth';
import type { ConnectError } from '../messages';
import type { Registration, RegistrationCache, RegistrationTarget } from '../registrations';

/*
 * Whether a cached app registration can be signed in with, or must be replaced: the
 * connect flow (flow.ts) asks here before a sign-in, and again when a sign-in failed in
 * a way that may be the app's fault (docs/architecture.md, "What a connect asks the
 * instance").
 */

/** What deciding on a registration needs of the connect's dependencies. */
export interface AppReuseDeps {
  registrations: RegistrationCache;
  now?(): number;
}

/** A registration to sign in with; `proven` when the server showed it knows it during this flow. */
export interface Candidate {
  registration: Registration;
  proven: boolean;
}

/**
 * How long a registration the server knew is trusted without asking again. Within it,
 * a deleted app shows itself in the sign-in window instead, and the flow heals.
 */
const TRUST_CHECK_MS = 24 * 60 * 60 * 1000;

/**
 * A registration to sign in with: the cached one, trusted as it is if the server knew
 * it within the day, else checked first (a server shows an error page, and never
 * redirects, for an unknown client); a new one when there is none or it is gone.
 */
export async function usableRegistration(
  deps: AppReuseDeps,
  ctx: ClientContext,
  target: RegistrationTarget,
  manual: AppCredentials | undefined,
): Promise<Candidate> {
  if (manual) {
    const saved = await deps.registrations.saveManual(target, manual);
    if (await stillValid(ctx, saved)) {
      await deps.registrations.markChecked(saved.key, true);
      return { registration: saved, proven: true };
    }
    await deps.registrations.drop(saved.key);
    throw new ConnectFailure({ code: 'manual-credentials-rejected', origin: ctx.origin });
  }
  const { registration, fresh } = await getOrRegister(deps, ctx, target);
  if (fresh) return { registration, proven: true };
  const now = deps.now ?? Date.now;
  if (registration.checkedAt !== undefined && now() - registration.checkedAt < TRUST_CHECK_MS) return { registration, proven: false };
  if (await stillValid(ctx, registration)) {
    await deps.registrations.markChecked(registration.key, true);
    return { registration, proven: true };
  }
  await deps.registrations.drop(registration.key);
  if (registration.manual) throw new ConnectFailure({ code: 'manual-credentials-rejected', origin: ctx.origin });
  return { registration: await registerFresh(deps, ctx, target), proven: true };
}

async function getOrRegister(deps: Pick<AppReuseDeps, 'registrations'>, ctx: ClientContext, target: RegistrationTarget) {
  try {
    return await deps.registrations.getOrRegister(target);
  } catch (error) {
    const refusal = connectErrorFrom(error, ctx.origin, 'registration-refused');
    // The manual fallback needs to tell the person which scopes to give their app.
    throw new ConnectFailure({ ...refusal, scopes: target.scopes }, { cause: error });
  }
}

export async function registerFresh(deps: Pick<AppReuseDeps, 'registrations'>, ctx: ClientContext, target: RegistrationTarget): Promise<Registration> {
  return (await getOrRegister(deps, ctx, target)).registration;
}

type AppCheck = 'known' | 'gone' | 'unsure' | { unreachable: ConnectError };

/**
 * Does the server still know this app, with our redirect URI? A client-credentials grant
 * proves the client (an unknown one gets invalid_client/401/404); the app's own record
 * lists its redirect URIs where the server shows it to an app token. Only a definite "no"
 * is `gone`; a server that can't be reached, or answers oddly, leaves it unsure. The grant
 * names the redirect URI, which GoToSocial requires (400 "redirect_uri was not set in the
 * token request form") and so does snac's /oauth/token (grunfink/snac2 mastoapi.c: 401 for
 * an unknown app).
 */
export function checkApp(ctx: ClientContext, registration: Registration): Promise<AppCheck> {
  // Concurrent connects share one check: servers hand out one app token per app and
  // scopes (Doorkeeper's reuse_access_token), so a second check would only get the token
  // the first one is about to revoke.
  const key = `${registration.key}\n${registration.clientId}`;
  const running = runningChecks.get(key);
  if (running) return running;
  const check = askApp(ctx, registration).finally(() => runningChecks.delete(key));
  runningChecks.set(key, check);
  return check;
}

/**
 * Origins of servers (as the last probe of each named itself) that delete an app when
 * one of its tokens is revoked (snac): their check tokens are left to expire instead.
 */
const appDeletingServers = new Set<string>();

/** The connect's probe says, for each server it met, whether revoking a check's token would delete the app. */
export function noteRevokeDeletesApp(origin: string, deletes: boolean): void {
  if (deletes) appDeletingServers.add(origin);
  else appDeletingServers.delete(origin);
}

/** App checks under way, by registration and client id. */
const runningChecks = new Map<string, Promise<AppCheck>>();

async function askApp(ctx: ClientContext, registration: Registration): Promise<AppCheck> {
  const app = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  let grant;
  try {
    grant = await clientCredentialsToken(ctx, app, registration.scopes, registration.redirectUri);
  } catch (error) {
    if (error instanceof MastodonError && (isUnknownClient(error) || error.status === 404)) return 'gone';
    if (error instanceof MastodonError && (error.kind === 'network' || error.kind === 'timeout')) {
      return { unreachable: connectErrorFrom(error, ctx.origin, 'unreachable') };
    }
    return 'unsure';
  }
  try {
    const uris = reportedRedirectUris(await verifyAppCredentials(ctx, grant.accessToken));
    return uris === null || uris.includes(registration.redirectUri) ? 'known' : 'gone';
  } catch {
    // The client is known (it got a token); GoToSocial answers 401 here to any app token.
    return 'known';
  } finally {
    // The app token was only needed for this question: it must not stay valid on the
    // server. Best effort: a failed revoke does not change the answer.
    if (!appDeletingServers.has(ctx.origin)) await revokeToken(ctx, app, grant.accessToken).catch(() => undefined);
  }
}

/** Before a sign-in: only a definite "gone" is invalid; other failures leave the sign-in to find out. */
async function stillValid(ctx: ClientContext, registration: Registration): Promise<boolean> {
  const check = await checkApp(ctx, registration);
  if (typeof check === 'object') throw new ConnectFailure(check.unreachable);
  return check !== 'gone';
}

/** The server's way of saying it does not know the client: at the token endpoint, or when checked. */
export function isUnknownClient(error: MastodonError): boolean {
  return (
    error.details.error === 'invalid_client' ||
    (error.kind === 'http' && error.status === 401) ||
    // GoToSocial and others say it in words.
    /no (such )?application|application not found|client not found|unknown client/i.test(error.serverText ?? '')
  );
}
