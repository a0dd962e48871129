import type { AccountStore } from '../accounts';
import type { InstanceCache } from '../composer/instance-limits';
import { accountFromCredentials } from '../accounts';
import { checkApp, isUnknownClient, noteRevokeDeletesApp, registerFresh, usableRegistration, type Candidate } from './app-reuse';
import { authWindowErrorFrom, ConnectFailure, connectErrorFrom } from './errors';
import { updatePending, type PendingFlows } from './pending-flows';
import { parseInstanceInput } from '../instance-input';
import { verifyCredentials } from '../mastodon/accounts';
import type { ClientContext } from '../mastodon/context';
import { MastodonError } from '../mastodon/errors';
import { buildAuthorizeUrl, createPkcePair, createState, exchangeCode, readAuthorizationResponse } from '../mastodon/oauth';
import type { ConnectError, ConnectPhase, ConnectStatus } from '../messages';
import type { Registration, RegistrationCache, RegistrationTarget } from '../registrations';
import { chooseScopes } from '../scopes';
import { serverProfile } from '../server-profile';
import type { StoredValue } from '../stored-value';

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
    noteRevokeDeletesApp(ctx.origin, serverProfile(null, info.version).revokeDeletesApp);
    return chooseScopes(scopesSupported ?? undefined);
  } catch (error) {
    throw new ConnectFailure(connectErrorFrom(error, ctx.origin, 'not-mastodon'), { cause: error });
  }
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
  await updatePending(deps.pendingFlows, (flows) => ({
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
    await updatePending(deps.pendingFlows, ({ [state]: _done, ...rest }) => rest);
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
