import type { AccountStore } from '../accounts';
import { accountFromCredentials } from '../accounts';
import { authWindowErrorFrom, ConnectFailure, connectErrorFrom } from './errors';
import { parseInstanceInput } from '../instance-input';
import { verifyCredentials } from '../mastodon/accounts';
import { reportedRedirectUris, verifyAppCredentials } from '../mastodon/apps';
import type { ClientContext } from '../mastodon/context';
import { fetchAuthServerMetadata } from '../mastodon/discovery';
import { MastodonError } from '../mastodon/errors';
import { fetchInstance } from '../mastodon/instance';
import {
  buildAuthorizeUrl,
  clientCredentialsToken,
  createPkcePair,
  createState,
  exchangeCode,
  readAuthorizationResponse,
} from '../mastodon/oauth';
import type { ConnectError, ConnectPhase, ConnectStatus } from '../messages';
import type { Registration, RegistrationCache, RegistrationTarget } from '../registrations';
import { chooseScopes } from '../scopes';
import { createUpdater, type StoredValue } from '../stored-value';

/** A sign-in in progress, kept in storage.session so a restarted worker can tell. */
export interface PendingFlow {
  origin: string;
  verifier: string;
  registrationKey: string;
  startedAt: number;
}
export type PendingFlows = Record<string, PendingFlow>;

export interface ConnectDeps {
  fetch: typeof fetch;
  /** `identity.getRedirectURL()`: differs per browser and per extension id. */
  redirectUri: string;
  /** `identity.launchWebAuthFlow` (interactive): resolves with the URL it ended on. */
  launchAuthFlow(url: string): Promise<string>;
  registrations: RegistrationCache;
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
    const scopes = await probe(ctx);
    const target: RegistrationTarget = { origin, redirectUri: deps.redirectUri, scopes };
    progress('registering');
    let registration = await usableRegistration(deps, ctx, target, request.manual);
    progress('authorizing');
    let outcome = await signIn(deps, ctx, registration, progress);
    if (outcome === 'client-gone') {
      // The app was deleted on the server between our check and the exchange: once more.
      await deps.registrations.drop(registration.key);
      if (registration.manual) throw new ConnectFailure({ code: 'manual-credentials-rejected', origin });
      registration = await registerFresh(deps, ctx, target);
      outcome = await signIn(deps, ctx, registration, progress);
      if (outcome === 'client-gone') throw new ConnectFailure({ code: 'sign-in-failed', origin, detail: 'invalid_client' });
    }
    return { state: 'done', accountId: outcome.id };
  } catch (error) {
    return { state: 'failed', input, error: connectErrorFrom(error, origin, 'unexpected-response') };
  }
}

/**
 * App credentials created by hand (options page), checked and stored without signing
 * in: the next connect to that instance uses them like any cached registration.
 */
export async function saveManualRegistration(
  deps: Pick<ConnectDeps, 'fetch' | 'redirectUri' | 'registrations' | 'timeoutMs'>,
  request: Required<ConnectRequest>,
): Promise<{ ok: true } | { ok: false; error: ConnectError }> {
  const parsed = parseInstanceInput(request.input);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', detail: parsed.problem } };
  const ctx: ClientContext = { origin: parsed.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs };
  try {
    const target: RegistrationTarget = { origin: parsed.origin, redirectUri: deps.redirectUri, scopes: await probe(ctx) };
    await usableRegistration(deps, ctx, target, request.manual);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: connectErrorFrom(error, parsed.origin, 'unexpected-response') };
  }
}

/** Is this a Mastodon-compatible server, and which scopes does it understand? */
async function probe(ctx: ClientContext): Promise<string> {
  const [instance, metadata] = await Promise.allSettled([fetchInstance(ctx), fetchAuthServerMetadata(ctx)]);
  if (instance.status === 'rejected') throw new ConnectFailure(connectErrorFrom(instance.reason, ctx.origin, 'not-mastodon'));
  return chooseScopes(metadata.status === 'fulfilled' ? metadata.value?.scopes_supported : undefined);
}

/**
 * A registration that will work: the cached one if the server still knows it with our
 * redirect URI, else a new one. Checked before the sign-in window opens, because a
 * server shows an error page (and never redirects) for an unknown client.
 */
async function usableRegistration(
  deps: Pick<ConnectDeps, 'registrations'>,
  ctx: ClientContext,
  target: RegistrationTarget,
  manual: ConnectRequest['manual'],
): Promise<Registration> {
  if (manual) {
    const saved = await deps.registrations.saveManual(target, manual);
    if (await stillValid(ctx, saved)) return saved;
    await deps.registrations.drop(saved.key);
    throw new ConnectFailure({ code: 'manual-credentials-rejected', origin: ctx.origin });
  }
  const { registration, fresh } = await getOrRegister(deps, ctx, target);
  if (fresh || (await stillValid(ctx, registration))) return registration;
  await deps.registrations.drop(registration.key);
  if (registration.manual) throw new ConnectFailure({ code: 'manual-credentials-rejected', origin: ctx.origin });
  return registerFresh(deps, ctx, target);
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

/**
 * Does the server still know this app, with our redirect URI? An app token proves the
 * client; the app's own record lists its redirect URIs where the server says them.
 * Only a definite "no" counts: other failures leave the sign-in to find out.
 */
async function stillValid(ctx: ClientContext, registration: Registration): Promise<boolean> {
  const app = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  try {
    const grant = await clientCredentialsToken(ctx, app, registration.scopes);
    const uris = reportedRedirectUris(await verifyAppCredentials(ctx, grant.accessToken));
    return uris === null || uris.includes(registration.redirectUri);
  } catch (error) {
    if (error instanceof MastodonError && isUnknownClient(error)) return false;
    if (error instanceof MastodonError && (error.kind === 'network' || error.kind === 'timeout')) {
      throw new ConnectFailure(connectErrorFrom(error, ctx.origin, 'unreachable'));
    }
    return true;
  }
}

function isUnknownClient(error: MastodonError): boolean {
  return error.details.error === 'invalid_client' || (error.kind === 'http' && error.status === 401);
}

/** Sign-in window, code exchange, profile, stored account. */
async function signIn(
  deps: ConnectDeps,
  ctx: ClientContext,
  registration: Registration,
  progress: (phase: ConnectPhase) => void,
): Promise<{ id: string } | 'client-gone'> {
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
      redirectedTo = await withTimeout(deps.launchAuthFlow(url), deps.signInTimeoutMs ?? SIGN_IN_TIMEOUT_MS);
    } catch (error) {
      throw new ConnectFailure(authWindowErrorFrom(error, origin), { cause: error });
    }
    const answer = readAuthorizationResponse(origin, app, redirectedTo, state);
    if (!answer.ok) {
      // Only the person's own "Deny" is a cancellation; invalid_scope and the like are failures.
      const code =
        answer.reason === 'state-mismatch' ? 'state-mismatch' : answer.error === 'access_denied' ? 'cancelled' : 'sign-in-failed';
      throw new ConnectFailure({ code, origin, detail: answer.description ?? answer.error });
    }
    const pending = (await deps.pendingFlows.getValue())[state];
    if (!pending) throw new ConnectFailure({ code: 'interrupted', origin });
    progress('verifying');
    let grant;
    try {
      grant = await exchangeCode(ctx, app, answer.params, registration.redirectUri, pending.verifier);
    } catch (error) {
      if (error instanceof MastodonError && isUnknownClient(error)) return 'client-gone';
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
      // Servers that omit `scope` in the token answer granted what was asked.
      scopes: grant.scopes.length > 0 ? grant.scopes : registration.scopes.split(' '),
      registrationKey: registration.key,
      connectedAt: now(),
    });
    await deps.accounts.upsert(account);
    return { id: account.id };
  } finally {
    await updatePending(deps, ({ [state]: _done, ...rest }) => rest);
  }
}

class SignInTimeout extends Error {
  override readonly name = 'SignInTimeout';
}

/** The browser's window can't be closed from here; we merely stop waiting for it. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SignInTimeout('The sign-in window was open too long.')), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
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
