import { accountFromCredentials, type AccountStore } from '../accounts';
import { parseInstanceInput } from '../instance-input';
import { verifyCredentials } from '../mastodon/accounts';
import type { ClientContext } from '../mastodon/context';
import { fetchAuthServerMetadata } from '../mastodon/discovery';
import { MastodonError } from '../mastodon/errors';
import { clientCredentialsToken } from '../mastodon/oauth';
import {
  createAccount,
  fetchSignUpInstance,
  ONLY_IN_V2,
  resendConfirmation,
  validationDetails,
  type AccountRequest,
  type SignUpInstance,
  type ValidationCode,
} from '../mastodon/signup';
import type { SignUpDraft, SignUpError, SignUpFieldName, SignUpInfo, SignUpOutcome, SignUpRequest, WaitingAccountView, WaitingCheck } from '../messages';
import type { Registration, RegistrationCache, RegistrationTarget } from '../registrations';
import { chooseScopes } from '../scopes';
import { serverProfile, type ServerProfile } from '../server-profile';
import type { StoredValue } from '../stored-value';
import { describeSignUp, ownSignUpPage } from './info';
import { toWaitingView, type WaitingAccount, type WaitingStore } from './waiting';

export interface SignUpDeps {
  fetch: typeof fetch;
  /** The redirect URI of the app registration (shared with connecting). */
  redirectUri: string;
  registrations: RegistrationCache;
  accounts: AccountStore;
  waiting: WaitingStore;
  /** The form's fields but the password, in storage.session. */
  draft: StoredValue<SignUpDraft | null>;
  /** The browser's UI language (sent as `locale`). */
  uiLanguage(): string;
  /** Opens a page in a new tab (a server's own sign-up page). */
  openTab(url: string): Promise<void>;
  /** What kind of server it is (cached with its limits): where its own sign-up page is. */
  profileOf(origin: string): Promise<ServerProfile>;
  now?(): number;
  timeoutMs?: number;
}

type Failure = { ok: false; error: SignUpError };

/** Thrown inside a step; becomes the outcome's error. */
class SignUpFailure extends Error {
  override readonly name = 'SignUpFailure';
  constructor(readonly error: SignUpError) {
    super(error.code);
  }
}

/** Transport problems and rate limits read the same at every step; the rest is `otherwise`. */
function errorFrom(error: unknown, otherwise: SignUpError): SignUpError {
  if (error instanceof SignUpFailure) return error.error;
  if (!(error instanceof MastodonError)) return { code: 'unexpected-response', detail: String(error) };
  const { status, retryAt } = error.details;
  if (error.kind === 'network' || error.kind === 'timeout') return { code: 'unreachable' };
  if (error.kind === 'http' && status === 429) return { code: 'rate-limited', retryAt };
  if (error.kind === 'http' && status !== undefined && status >= 500) return { code: 'server-error', status, detail: error.serverText };
  return otherwise;
}

/**
 * App scopes for signing up: the ones connecting uses plus `write:accounts`, which the
 * client-credentials token for POST /api/v1/accounts needs. Servers without granular
 * scopes get `read write`, where `write` is what that token asks for.
 */
export function signUpScopes(base: string): { app: string; token: string } {
  const list = base.split(' ');
  if (list.includes('write')) return { app: base, token: 'write' };
  return { app: [...list, 'write:accounts'].join(' '), token: 'write:accounts' };
}

/** Apps refused like this never get to sign people up (GoToSocial: 401 to an app token). */
const REFUSING_STATUSES = [401, 403, 404, 405];

/** Which wait a 403 from verify_credentials means (Api::BaseController#require_user!). */
function waitingStateFrom(error: unknown): WaitingAccount['state'] | null {
  if (!(error instanceof MastodonError) || error.status !== 403) return null;
  const text = error.serverText ?? '';
  if (/pending approval/i.test(text)) return 'approval';
  if (/confirmed e-?mail/i.test(text)) return 'confirm-email';
  return null;
}

export function createSignUpService(deps: SignUpDeps) {
  const now = deps.now ?? Date.now;
  const ctxFor = (origin: string): ClientContext => ({ origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs });

  async function instanceOf(ctx: ClientContext): Promise<SignUpInstance> {
    try {
      return await fetchSignUpInstance(ctx);
    } catch (error) {
      throw new SignUpFailure(errorFrom(error, { code: 'not-mastodon', status: error instanceof MastodonError ? error.status : undefined }));
    }
  }

  /** A registration with the sign-up scopes, and an app token from it; a stale one is replaced once. */
  async function appToken(ctx: ClientContext): Promise<{ registration: Registration; token: string }> {
    const metadata = await fetchAuthServerMetadata(ctx).catch(() => null);
    const scopes = signUpScopes(chooseScopes(metadata?.scopes_supported));
    const target: RegistrationTarget = { origin: ctx.origin, redirectUri: deps.redirectUri, scopes: scopes.app };
    const register = async () => {
      try {
        return (await deps.registrations.getOrRegister(target)).registration;
      } catch (error) {
        throw new SignUpFailure(errorFrom(error, { code: 'registration-refused', status: error instanceof MastodonError ? error.status : undefined }));
      }
    };
    const tokenFor = (registration: Registration) =>
      clientCredentialsToken(ctx, { clientId: registration.clientId, clientSecret: registration.clientSecret }, scopes.token, deps.redirectUri);
    let registration = await register();
    try {
      return { registration, token: (await tokenFor(registration)).accessToken };
    } catch (error) {
      // The server no longer knows the app, or knows it without write:accounts: a new one.
      const stale = error instanceof MastodonError && (error.details.error === 'invalid_client' || error.details.error === 'invalid_scope' || error.status === 401);
      if (!stale || registration.manual) throw new SignUpFailure(errorFrom(error, { code: 'unexpected-response', detail: error instanceof Error ? error.message : '' }));
      await deps.registrations.drop(registration.key);
      registration = await register();
      try {
        return { registration, token: (await tokenFor(registration)).accessToken };
      } catch (again) {
        throw new SignUpFailure(errorFrom(again, { code: 'unexpected-response' }));
      }
    }
  }

  /**
   * POST /api/v1/accounts. Mastodon answers 422 on a `locale` it doesn't have (say
   * `en-US`, where it has `en`): then the bare language, then no locale at all.
   */
  async function create(ctx: ClientContext, token: string, request: AccountRequest) {
    const tag = request.locale;
    const candidates = [...new Set([tag, tag?.split('-')[0], undefined])];
    for (const [index, locale] of candidates.entries()) {
      try {
        return await createAccount(ctx, token, { ...request, locale });
      } catch (error) {
        const invalid = error instanceof MastodonError ? validationDetails(error) : null;
        const onlyLocale = invalid?.fields.locale && Object.keys(invalid.fields).length === 1;
        if (!onlyLocale || index === candidates.length - 1) throw error;
      }
    }
    throw new Error('unreachable: the last candidate throws or returns');
  }

  /** What a refused POST /api/v1/accounts means, with the instance asked again where it matters. */
  async function refusal(ctx: ClientContext, error: unknown): Promise<SignUpError> {
    if (!(error instanceof MastodonError)) return errorFrom(error, { code: 'unexpected-response' });
    const invalid = validationDetails(error);
    if (invalid) {
      const fields: Partial<Record<SignUpFieldName, ValidationCode[]>> = {};
      for (const [name, errors] of Object.entries(invalid.fields)) {
        if (name !== 'locale') fields[name as SignUpFieldName] = errors.map((e) => e.code);
      }
      return { code: 'invalid', fields, summary: invalid.summary };
    }
    if (error.kind === 'http' && REFUSING_STATUSES.includes(error.status ?? 0)) {
      // Closed since the form was shown (Mastodon answers 403 then), or no app sign-ups at all.
      const instance = await fetchSignUpInstance(ctx).catch(() => null);
      if (instance && !instance.enabled && !instance.url) return { code: 'closed', message: null, url: null };
      // Unknown (the server didn't say): guessed from the version string, else Mastodon's page.
      const profile = await deps.profileOf(ctx.origin).catch(() => serverProfile(null, instance?.version ?? ''));
      const signUpUrl = ownSignUpPage(ctx.origin, instance ?? emptyInstance(), profile);
      // Recorded first: the new tab takes the focus, and the popup closes with it.
      const draft = await deps.draft.getValue();
      if (draft) await deps.draft.setValue({ ...draft, refusedSignUpUrl: signUpUrl });
      await deps.openTab(signUpUrl);
      return { code: 'app-sign-up-refused', signUpUrl };
    }
    return errorFrom(error, { code: 'unexpected-response', status: error.status, detail: error.serverText });
  }

  /** verify_credentials: connected now, or which wait it is in. */
  async function activate(waiting: WaitingAccount): Promise<{ accountId: string } | { state: WaitingAccount['state'] } | null> {
    try {
      const profile = await verifyCredentials(ctxFor(waiting.origin), waiting.token);
      const account = accountFromCredentials(profile, {
        origin: waiting.origin,
        token: waiting.token,
        scopes: waiting.scopes,
        // The connected account keeps its app's credentials, for revoking its token later.
        app: waiting.app,
        registrationKey: waiting.registrationKey,
        connectedAt: now(),
      });
      await deps.accounts.upsert(account);
      await deps.waiting.remove(waiting.id);
      return { accountId: account.id };
    } catch (error) {
      const state = waitingStateFrom(error);
      return state ? { state } : null;
    }
  }

  return {
    async check(input: string): Promise<{ ok: true; info: SignUpInfo } | Failure> {
      const parsed = parseInstanceInput(input);
      if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', detail: parsed.problem } };
      const ctx = ctxFor(parsed.origin);
      try {
        return { ok: true, info: await describeSignUp(ctx, await instanceOf(ctx)) };
      } catch (error) {
        return { ok: false, error: errorFrom(error, { code: 'unexpected-response' }) };
      }
    },

    async submit(request: SignUpRequest): Promise<SignUpOutcome> {
      const parsed = parseInstanceInput(request.origin);
      if (!parsed.ok) return { ok: false, error: { code: 'invalid-input', detail: parsed.problem } };
      const ctx = ctxFor(parsed.origin);
      try {
        const { registration, token } = await appToken(ctx);
        let created;
        try {
          created = await create(ctx, token, {
            username: request.username,
            email: request.email,
            password: request.password,
            agreement: request.agreement,
            reason: request.reason,
            dateOfBirth: request.dateOfBirth,
            locale: deps.uiLanguage() || undefined,
          });
        } catch (error) {
          return { ok: false, error: await refusal(ctx, error) };
        }
        const waiting: WaitingAccount = {
          id: `${request.username}@${new URL(parsed.origin).host}`,
          username: request.username,
          origin: parsed.origin,
          email: request.email,
          state: 'confirm-email',
          createdAt: now(),
          token: created.token,
          // Servers that omit `scope` gave the app's scopes (AppSignUpService).
          scopes: created.scopes.length > 0 ? created.scopes : registration.scopes.split(' '),
          app: { clientId: registration.clientId, clientSecret: registration.clientSecret },
          registrationKey: registration.key,
        };
        await deps.waiting.put(waiting);
        // The form is done with: nothing of it is kept any longer.
        await deps.draft.setValue(null);
        const result = await activate(waiting);
        if (result && 'accountId' in result) return { ok: true, accountId: result.accountId };
        const settled = { ...waiting, state: result?.state ?? waiting.state };
        await deps.waiting.put(settled);
        return { ok: true, waiting: toWaitingView(settled) };
      } catch (error) {
        return { ok: false, error: errorFrom(error, { code: 'unexpected-response' }) };
      }
    },

    /** Each waiting account asked again; the active ones become connected accounts. */
    async checkWaiting(): Promise<WaitingCheck> {
      const activated: string[] = [];
      for (const waiting of await deps.waiting.list()) {
        const result = await activate(waiting);
        if (result && 'accountId' in result) activated.push(result.accountId);
        else if (result && result.state !== waiting.state) await deps.waiting.put({ ...waiting, state: result.state });
      }
      return { activated, waiting: (await deps.waiting.list()).map(toWaitingView) };
    },

    async resend(id: string, email?: string): Promise<{ ok: true; waiting: WaitingAccountView } | Failure> {
      const waiting = await deps.waiting.get(id);
      if (!waiting) return { ok: false, error: { code: 'unknown-account' } };
      const corrected = email?.trim() && email.trim() !== waiting.email ? email.trim() : undefined;
      try {
        await resendConfirmation(ctxFor(waiting.origin), waiting.token, corrected);
      } catch (error) {
        const invalid = error instanceof MastodonError && error.status === 422;
        const summary = error instanceof MastodonError ? (error.serverText ?? '') : '';
        return { ok: false, error: invalid ? { code: 'invalid', fields: { email: ['ERR_INVALID'] }, summary } : errorFrom(error, { code: 'unexpected-response', detail: summary }) };
      }
      const updated = { ...waiting, email: corrected ?? waiting.email };
      await deps.waiting.put(updated);
      return { ok: true, waiting: toWaitingView(updated) };
    },

    forget: (id: string) => deps.waiting.remove(id),
    list: async () => (await deps.waiting.list()).map(toWaitingView),
    getDraft: () => deps.draft.getValue(),
    saveDraft: (draft: SignUpDraft | null) => deps.draft.setValue(draft),
  };
}
export type SignUpService = ReturnType<typeof createSignUpService>;

/** For a server that answered nothing usable: Mastodon's own page is the best guess. */
function emptyInstance(): SignUpInstance {
  return {
    domain: '',
    title: '',
    version: '',
    languages: [],
    enabled: true,
    approvalRequired: false,
    ...ONLY_IN_V2,
  };
}
