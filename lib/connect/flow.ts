import * as z from 'zod/mini';
import type { AccountStore } from '../accounts';
import type { InstanceCache } from '../composer/instance-limits';
import { accountFromCredentials } from '../accounts';
import { authWindowErrorFrom, ConnectFailure, connectErrorFrom } from './errors';
import { parseInstanceInput } from '../instance-input';
import { verifyCredentials } from '../mastodon/accounts';
import { reportedRedirectUris, verifyAppCredentials } from '../mastodon/apps';
import type { ClientContext } from '../mastodon/context';
import { MastodonError } from '../mastodon/errors';
import {
  buildAuthorizeUrl,
  clientCredentialsToken,
  createPkcePair,
  createState,
  exchangeCode,
  readAuthorizationResponse,
  revokeToken,
} from '../mastodon/oauth';
import type { ConnectError, ConnectPhase, ConnectStatus } from '../messages';
import type { Registration, RegistrationCache, RegistrationTarget } from '../registrations';
import { chooseScopes } from '../scopes';
import { serverProfile } from '../server-profile';
import { checkRecord, type Checked } from '../stored-check';
import { createUpdater, type StoredValue } from '../stored-value';

/** A sign-in in progress, kept in storage.session so a restarted worker can tell. */
export interface PendingFlow {
  origin: string;
  verifier: string;
  registrationKey: string;
  startedAt: number;
}
export type PendingFlows = Record<string, PendingFlow>;

const PendingFlowSchema = z.object({ origin: z.string(), verifier: z.string(), registrationKey: z.string(), startedAt: z.number() });

/** storage.session: a damaged entry is a sign-in that can't finish, as after a restart. */
export function checkPendingFlows(raw: unknown): Checked<PendingFlows> {
  return { value: checkRecord(raw, PendingFlowSchema, () => ({ label: null, text: null })).value, broken: [] };
}

export interface ConnectDeps {
  fetch: typeof fetch;
  /** `identity.getRedirectURL()`: differs per browser and per extension id. */
  redirectUri: string;
  /**
   * `identity.launchWebAuthFlow` (interactive), or a tab where there is none: resolves with
   * the URL it ended on. `stop` is aborted when the flow stops waiting (the sign-in was open
   * too long), so a tab's late redirect is not taken for a sign-in that has ended.
   */
  launchAuthFlow(url: string, stop: AbortSignal): Promise<string>;
  registrations: RegistrationCache;
  /** Instance answers and discovery, shared with the composer's limits. */
  instances: InstanceCache;
  accounts: AccountStore;
  pendingFlows: StoredValue<PendingFlows>;
  onProgress?(status: ConnectStatus): void;
  now?(): number;
  timeoutMs?: number;
  /** Give up waiting for the sign-in window after this long (default 10 minutes). */
  signInTimeoutMs?: number;
}

/**
 * A sign-in window left open longer than this is stale (Mastodon's codes live ten
 * minutes, some servers' login sessions less): the flow ends with "please try again"
 * instead of blocking every later connect.
 */
const SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000;

export interface ConnectRequest {
  input: string;
  /** App credentials the person created by hand, when registration is refused. */
  manual?: { clientId: string; clientSecret: string };
}

/**
 * The whole connect flow (docs/architecture.md, "The message flow"): parse → probe → registration → sign-in window →
 * code exchange → profile → stored account. Resolves with the final status; never
 * throws for anything an instance or the person can do.
 */
export async function connect(deps: ConnectDeps, request: ConnectRequest): Promise<ConnectStatus> {
  const { input } = request;
  const parsed = parseInstanceInput(input);
  if (!parsed.ok) return { state: 'failed', input, error: { code: 'invalid-input', detail: parsed.problem } };
  const origin = parsed.origin;
  const progress = (phase: ConnectPhase) => deps.onProgress?.({ state: 'running', phase, input, origin });
  const ctx: ClientContext = { origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs };
  try {
    progress('checking');
    const target: RegistrationTarget = { origin, redirectUri: deps.redirectUri, scopes: await probe(deps, ctx) };
    progress('registering');
    const candidate = await usableRegistration(deps, ctx, target, request.manual);
    progress('authorizing');
    const { id } = await signInHealing(deps, ctx, target, candidate, progress);
    return { state: 'done', accountId: id };
  } catch (error) {
    return { state: 'failed', input, error: connectErrorFrom(error, origin, 'unexpected-response') };
  }
}

/**
 * Signs in, and heals once: when the server turns out to have forgotten the app (it
 * shows an error page instead of redirecting, or refuses the client at the token
 * endpoint), the registration is dropped, a new one made, and ONE new sign-in window
 * opened. Only a second failure reaches the person, and it leaves no known-dead
 * registration behind for "Try again".
 */
async function signInHealing(
  deps: ConnectDeps,
  ctx: ClientContext,
  target: RegistrationTarget,
  first: Candidate,
  progress: (phase: ConnectPhase) => void,
): Promise<{ id: string }> {
  let { registration, proven } = first;
  let healed = false;
  for (;;) {
    const outcome = await signIn(deps, ctx, registration, progress);
    if (outcome.ok) {
      // The code exchange proved the app: the next connect within a day skips the check.
      await deps.registrations.markChecked(registration.key, true);
      return { id: outcome.id };
    }
    // A window that ended without a code, on an app not proven in this flow: ask now.
    const check = outcome.clientGone ? 'gone' : outcome.beforeCode && !proven ? await checkApp(ctx, registration) : 'skipped';
    if (check !== 'gone') {
      // Known: proven now. In doubt: "Try again" checks it before opening a window.
      if (check !== 'skipped') await deps.registrations.markChecked(registration.key, check === 'known');
      throw outcome.failure;
    }
    await deps.registrations.drop(registration.key);
    if (registration.manual) throw new ConnectFailure({ code: 'manual-credentials-rejected', origin: ctx.origin });
    if (healed) throw outcome.failure;
    healed = true;
    registration = await registerFresh(deps, ctx, target);
    proven = true;
  }
}

/**
 * App credentials created by hand (options page), checked and stored without signing
 * in: the next connect to that instance uses them like any cached registration.
 */
export async function saveManualRegistration(
  deps: Pick<ConnectDeps, 'fetch' | 'redirectUri' | 'registrations' | 'instances' | 'timeoutMs' | 'now'>,
  request: Required<ConnectRequest>,
): Promise<{ ok: true } | { ok: false; error: ConnectError }> {
  const parsed = parseInstanceInput(request.input);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', detail: parsed.problem } };
  const ctx: ClientContext = { origin: parsed.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs };
  try {
    const target: RegistrationTarget = { origin: parsed.origin, redirectUri: deps.redirectUri, scopes: await probe(deps, ctx) };
    await usableRegistration(deps, ctx, target, request.manual);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: connectErrorFrom(error, parsed.origin, 'unexpected-response') };
  }
}

/**
 * Is this a Mastodon-compatible server, and which scopes does it understand? Answered
 * from the instance cache when it asked within the day.
 */
async function probe(deps: Pick<ConnectDeps, 'instances'>, ctx: ClientContext): Promise<string> {
  try {
    const { info, scopesSupported } = await deps.instances.probe(ctx);
    if (serverProfile(null, info.version).revokeDeletesApp) appDeletingServers.add(ctx.origin);
    else appDeletingServers.delete(ctx.origin);
    return chooseScopes(scopesSupported ?? undefined);
  } catch (error) {
    throw new ConnectFailure(connectErrorFrom(error, ctx.origin, 'not-mastodon'), { cause: error });
  }
}

/** A registration to sign in with; `proven` when the server showed it knows it during this flow. */
interface Candidate {
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
async function usableRegistration(
  deps: Pick<ConnectDeps, 'registrations' | 'now'>,
  ctx: ClientContext,
  target: RegistrationTarget,
  manual: ConnectRequest['manual'],
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

async function getOrRegister(deps: Pick<ConnectDeps, 'registrations'>, ctx: ClientContext, target: RegistrationTarget) {
  try {
    return await deps.registrations.getOrRegister(target);
  } catch (error) {
    const refusal = connectErrorFrom(error, ctx.origin, 'registration-refused');
    // The manual fallback needs to tell the person which scopes to give their app.
    throw new ConnectFailure({ ...refusal, scopes: target.scopes }, { cause: error });
  }
}

async function registerFresh(deps: Pick<ConnectDeps, 'registrations'>, ctx: ClientContext, target: RegistrationTarget): Promise<Registration> {
  return (await getOrRegister(deps, ctx, target)).registration;
}

type AppCheck = 'known' | 'gone' | 'unsure' | { unreachable: ConnectError };

/**
/**
 * Does the server still know this app, with our redirect URI? A client-credentials grant
 * proves the client (an unknown one gets invalid_client/401/404); the app's own record
 * lists its redirect URIs where the server shows it to an app token. Only a definite "no"
 * is `gone`; a server that can't be reached, or answers oddly, leaves it unsure. The grant
 * names the redirect URI, which GoToSocial requires (400 "redirect_uri was not set in the
 * token request form") and so does snac's /oauth/token (grunfink/snac2 mastoapi.c: 401 for
 * an unknown app).
 */
function checkApp(ctx: ClientContext, registration: Registration): Promise<AppCheck> {
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

function isUnknownClient(error: MastodonError): boolean {
  return (
    error.details.error === 'invalid_client' ||
    (error.kind === 'http' && error.status === 401) ||
    // GoToSocial and others say it in words.
    /no (such )?application|application not found|client not found|unknown client/i.test(error.serverText ?? '')
  );
}

/**
 * How a sign-in ended, where it may be the app's fault: the window gave no code
 * (`beforeCode`: an error page, a page that could not load, an error redirect), or the
 * token endpoint refused the client. Anything else is thrown as it stands.
 */
type SignInOutcome = { ok: true; id: string } | { ok: false; failure: ConnectFailure; beforeCode: boolean; clientGone: boolean };

/** Sign-in window, code exchange, profile, stored account. */
async function signIn(
  deps: ConnectDeps,
  ctx: ClientContext,
  registration: Registration,
  progress: (phase: ConnectPhase) => void,
): Promise<SignInOutcome> {
  const origin = ctx.origin;
  const now = deps.now ?? Date.now;
  const app = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  const state = createState();
  const pkce = await createPkcePair();
  await updatePending(deps, (flows) => ({
    ...flows,
    [state]: { origin, verifier: pkce.verifier, registrationKey: registration.key, startedAt: now() },
  }));
  try {
    const url = buildAuthorizeUrl(origin, {
      clientId: app.clientId,
      redirectUri: registration.redirectUri,
      scopes: registration.scopes,
      state,
      codeChallenge: pkce.challenge,
    });
    let redirectedTo: string;
    try {
      redirectedTo = await withTimeout((stop) => deps.launchAuthFlow(url, stop), deps.signInTimeoutMs ?? SIGN_IN_TIMEOUT_MS);
    } catch (error) {
      const failure = new ConnectFailure(authWindowErrorFrom(error, origin), { cause: error });
      // A window left open for ten minutes is the person's, not the app's.
      if (error instanceof SignInTimeout) throw failure;
      // Chrome rejects at once when the page answers an error; Firefox shows it until closed.
      return { ok: false, failure, beforeCode: true, clientGone: false };
    }
    const answer = readAuthorizationResponse(origin, app, redirectedTo, { state, redirectUri: registration.redirectUri });
    if (!answer.ok) {
      // An answer that is not ours (wrong state, or not at our redirect URI) is a security error.
      if (answer.reason === 'state-mismatch' || answer.reason === 'wrong-redirect') throw new ConnectFailure({ code: 'state-mismatch', origin, detail: answer.description ?? answer.error });
      // Only the person's own "Deny" is a cancellation (and proves the page was there).
      if (answer.error === 'access_denied') throw new ConnectFailure({ code: 'cancelled', origin, detail: answer.description ?? answer.error });
      const failure = new ConnectFailure({ code: 'sign-in-failed', origin, detail: answer.description ?? answer.error });
      return { ok: false, failure, beforeCode: true, clientGone: false };
    }
    const pending = (await deps.pendingFlows.getValue())[state];
    if (!pending) throw new ConnectFailure({ code: 'interrupted', origin });
    progress('verifying');
    let grant;
    try {
      grant = await exchangeCode(ctx, app, answer.params, registration.redirectUri, pending.verifier);
    } catch (error) {
      if (error instanceof MastodonError && isUnknownClient(error)) {
        const failure = new ConnectFailure({ code: 'sign-in-failed', origin, detail: 'invalid_client' }, { cause: error });
        return { ok: false, failure, beforeCode: false, clientGone: true };
      }
      throw new ConnectFailure(connectErrorFrom(error, origin, 'sign-in-failed'), { cause: error });
    }
    let profile;
    try {
      profile = await verifyCredentials(ctx, grant.accessToken);
    } catch (error) {
      throw new ConnectFailure(connectErrorFrom(error, origin, 'verify-failed'), { cause: error });
    }
    const account = accountFromCredentials(profile, {
      origin,
      token: grant.accessToken,
      app,
      // Servers that omit `scope` in the token answer granted what was asked.
      scopes: grant.scopes.length > 0 ? grant.scopes : registration.scopes.split(' '),
      registrationKey: registration.key,
      connectedAt: now(),
    });
    await deps.accounts.upsert(account);
    return { ok: true, id: account.id };
  } finally {
    await updatePending(deps, ({ [state]: _done, ...rest }) => rest);
  }
}

class SignInTimeout extends Error {
  override readonly name = 'SignInTimeout';
}

/**
 * The browser's window can't be closed from here; we merely stop waiting for it, and say
 * so to the launcher through `stop`.
 */
function withTimeout<T>(start: (stop: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort();
      reject(new SignInTimeout('The sign-in window was open too long.'));
    }, ms);
  });
  return Promise.race([start(stop.signal), expired]).finally(() => clearTimeout(timer));
}

// Concurrent sign-ins share the pending-flows value: one serialised updater per store.
const pendingUpdaters = new WeakMap<StoredValue<PendingFlows>, (change: (flows: PendingFlows) => PendingFlows) => Promise<PendingFlows>>();
async function updatePending(deps: ConnectDeps, change: (flows: PendingFlows) => PendingFlows): Promise<void> {
  let update = pendingUpdaters.get(deps.pendingFlows);
  if (!update) {
    update = createUpdater(deps.pendingFlows);
    pendingUpdaters.set(deps.pendingFlows, update);
  }
  await update(change);
}

/**
 * At worker start-up: sign-ins that a previous worker left unfinished can't complete
 * (their window's answer went to a worker that no longer exists). Forget them and say
 * so, rather than leave anything half-connected.
 */
export async function abandonInterruptedFlows(pendingFlows: StoredValue<PendingFlows>): Promise<PendingFlow[]> {
  const flows = Object.values(await pendingFlows.getValue());
  if (flows.length > 0) await pendingFlows.setValue({});
  return flows;
}
