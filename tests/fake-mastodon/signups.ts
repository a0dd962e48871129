import { authorizeToken } from './auth.ts';
import { apiError, escapeHtml, html, htmlPage, json, type Reply, type Route } from './http.ts';
import { stringParam, type Params } from './params.ts';
import { throttledHeaders } from './rate-limit.ts';
import { addUser, findUser, findUserById, randomSecret, type ServerState, type User } from './state.ts';

/**
 * App sign-up as Mastodon does it (Api::V1::AccountsController#create, AppSignUpService,
 * Api::V1::Emails::ConfirmationsController), plus the confirmation link and a test-only
 * approval endpoint standing in for the person's mail client and the staff.
 */

const SIGN_UP_SCOPES = ['write', 'write:accounts'];
const THROTTLE_PERIOD_MS = 30 * 60 * 1000;
/** Mastodon's reserved usernames (Account::RESERVED_USERNAMES plus the instance actor's). */
const RESERVED_USERNAMES = ['admin', 'support', 'help', 'root', 'webmaster', 'administrator', 'mod', 'moderator', 'mastodon.internal'];
const USERNAME_MAX = 30;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 72;
const REASON_MAX = 420;

type FieldError = { error: string; description: string };
type Details = Record<string, FieldError[]>;

/** Rails' messages for each ERR_* code, as ValidationErrorFormatter sends them. */
const DESCRIPTIONS: Record<string, string> = {
  ERR_BLANK: "can't be blank",
  ERR_TAKEN: 'has already been taken',
  ERR_RESERVED: 'is reserved',
  ERR_INVALID: 'is invalid',
  ERR_BLOCKED: 'uses a disallowed e-mail provider',
  ERR_UNREACHABLE: 'does not seem to exist',
  ERR_ACCEPTED: 'must be accepted',
  ERR_INCLUSION: 'is not included in the list',
  ERR_BELOW_LIMIT: 'is below the age limit',
};

const ATTRIBUTE_NAMES: Record<string, string> = {
  username: 'Username',
  email: 'Email',
  password: 'Password',
  agreement: 'Agreement',
  locale: 'Locale',
  reason: 'Reason',
  date_of_birth: 'Date of birth',
};

function add(details: Details, field: string, error: string, description = DESCRIPTIONS[error] ?? error): void {
  (details[field] ??= []).push({ error, description });
}

function emailTaken(state: ServerState, email: string): boolean {
  const lower = email.toLowerCase();
  return [...state.users.values()].some((u) => u.signUp?.email.toLowerCase() === lower || u.signUp?.unconfirmedEmail?.toLowerCase() === lower);
}

/** Devise's email format, EmailMxValidator and EmailDomainBlock. */
function checkEmail(state: ServerState, details: Details, email: string): void {
  if (email === '') return add(details, 'email', 'ERR_BLANK');
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return add(details, 'email', 'ERR_INVALID');
  const domain = email.split('@')[1]!.toLowerCase();
  if (state.signUps.blockedEmailDomains.includes(domain)) return add(details, 'email', 'ERR_BLOCKED');
  if (domain.endsWith('.invalid')) return add(details, 'email', 'ERR_UNREACHABLE');
  if (emailTaken(state, email)) add(details, 'email', 'ERR_TAKEN');
}

/** `date_of_birth` as Mastodon parses it: ISO 8601, or the web form's dd.mm.yyyy. */
function parseBirthDate(value: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dotted ? [dotted[3], dotted[2], dotted[1]] : [];
  if (!y) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCDate() === Number(d) ? date : null;
}

function isBelowAge(birth: Date, minAge: number, now: Date): boolean {
  const limit = new Date(Date.UTC(now.getUTCFullYear() - minAge, now.getUTCMonth(), now.getUTCDate()));
  return birth > limit;
}

function validate(state: ServerState, params: Params): Details {
  const settings = state.signUps;
  const details: Details = {};
  const username = stringParam(params, 'username') ?? '';
  if (username === '') add(details, 'username', 'ERR_BLANK');
  else if (!/^[a-z0-9_]+$/i.test(username)) add(details, 'username', 'ERR_INVALID', 'must contain only letters, numbers and underscores');
  else if (username.length > USERNAME_MAX) add(details, 'username', 'ERR_TOO_LONG', `is too long (maximum is ${USERNAME_MAX} characters)`);
  else if (RESERVED_USERNAMES.includes(username.toLowerCase())) add(details, 'username', 'ERR_RESERVED');
  else if (findUser(state, username)) add(details, 'username', 'ERR_TAKEN');

  checkEmail(state, details, stringParam(params, 'email') ?? '');

  const password = stringParam(params, 'password') ?? '';
  if (password === '') add(details, 'password', 'ERR_BLANK');
  else if (password.length < PASSWORD_MIN) add(details, 'password', 'ERR_TOO_SHORT', `is too short (minimum is ${PASSWORD_MIN} characters)`);
  else if (password.length > PASSWORD_MAX) add(details, 'password', 'ERR_TOO_LONG', `is too long (maximum is ${PASSWORD_MAX} characters)`);

  // `agreement` is accepted as Rails' boolean acceptance: true, "true" or "1".
  if (!['true', '1'].includes(stringParam(params, 'agreement') ?? '')) add(details, 'agreement', 'ERR_ACCEPTED');

  const locale = stringParam(params, 'locale');
  if (locale !== undefined && locale !== '' && !settings.locales.includes(locale)) add(details, 'locale', 'ERR_INCLUSION');

  const reason = stringParam(params, 'reason') ?? '';
  if (settings.mode === 'approval' && settings.reasonRequired && reason.trim() === '') add(details, 'reason', 'ERR_BLANK');
  else if (reason.length > REASON_MAX) add(details, 'reason', 'ERR_TOO_LONG', `is too long (maximum is ${REASON_MAX} characters)`);

  if (settings.minAge !== null) {
    const raw = stringParam(params, 'date_of_birth') ?? '';
    const birth = raw === '' ? null : parseBirthDate(raw);
    if (raw === '') add(details, 'date_of_birth', 'ERR_BLANK');
    else if (!birth) add(details, 'date_of_birth', 'ERR_INVALID');
    else if (isBelowAge(birth, settings.minAge, new Date())) add(details, 'date_of_birth', 'ERR_BELOW_LIMIT');
  }
  return details;
}

function validationFailed(details: Details): Reply {
  const sentences = Object.entries(details).flatMap(([field, errors]) => errors.map((e) => `${ATTRIBUTE_NAMES[field] ?? field} ${e.description}`));
  return json(422, { error: `Validation failed: ${sentences.join(', ')}`, details });
}

/** Rack::Attack's throttle_api_sign_up, when the test asks for it (see SignUpSettings.throttle). */
function throttled(state: ServerState, caller: string): Reply | undefined {
  const limit = state.signUps.throttle;
  if (limit === null) return undefined;
  const now = Date.now();
  const window = Math.floor(now / THROTTLE_PERIOD_MS);
  const entry = state.signUpAttempts.get(caller);
  const count = entry && entry.window === window ? entry.count + 1 : 1;
  state.signUpAttempts.set(caller, { window, count });
  if (count <= limit) return undefined;
  return json(429, { error: 'Too many requests' }, throttledHeaders(now));
}

function sendConfirmation(state: ServerState, user: User): void {
  const record = user.signUp!;
  record.confirmationToken = randomSecret();
  state.outbox.push({
    to: record.unconfirmedEmail ?? record.email,
    username: user.username,
    link: `${state.origin}/auth/confirmation?confirmation_token=${record.confirmationToken}`,
    at: Date.now(),
  });
}

function createAccount(state: ServerState, headers: Parameters<typeof authorizeToken>[1], params: Params, caller: string): Reply {
  const limited = throttled(state, caller);
  if (limited) return limited;
  if (state.dialect.name === 'gotosocial') {
    // GoToSocial takes sign-ups only on its own web page; an app token here is refused.
    return apiError(401, 'Unauthorized: user not supplied or not authorized');
  }
  const token = authorizeToken(state, headers, SIGN_UP_SCOPES);
  if ('status' in token) return token;
  if (token.userId !== null) return apiError(403, 'This method requires an client credentials authentication');
  if (state.signUps.mode === 'closed' || state.signUps.url !== null) return apiError(403, 'This action is not allowed');
  const details = validate(state, params);
  if (Object.keys(details).length > 0) return validationFailed(details);

  const app = state.apps.get(token.clientId)!;
  const user = addUser(state, stringParam(params, 'username')!, { language: null });
  user.signUp = {
    email: stringParam(params, 'email')!,
    unconfirmedEmail: null,
    confirmed: false,
    approved: state.signUps.mode !== 'approval',
    createdByAppId: app.clientId,
    confirmationToken: '',
    locale: stringParam(params, 'locale') || null,
    reason: stringParam(params, 'reason') || null,
  };
  sendConfirmation(state, user);
  // AppSignUpService: a user token with the app's scopes, usable once the user is active.
  const value = randomSecret();
  const createdAt = Math.floor(Date.now() / 1000);
  state.tokens.set(value, { clientId: app.clientId, userId: user.id, scopes: app.scopes, createdAt, revoked: false });
  return json(200, { access_token: value, token_type: 'Bearer', scope: app.scopes.join(' '), created_at: createdAt });
}

/** POST /api/v1/emails/confirmations: resend, optionally to a corrected address. */
function resendConfirmation(state: ServerState, headers: Parameters<typeof authorizeToken>[1], params: Params): Reply {
  const token = authorizeToken(state, headers, SIGN_UP_SCOPES);
  if ('status' in token) return token;
  const user = token.userId === null ? undefined : findUserById(state, token.userId);
  if (!user?.signUp || user.signUp.createdByAppId !== token.clientId) {
    return apiError(403, 'This method is only available to the application the user originally signed-up with');
  }
  if (user.signUp.confirmed && user.signUp.unconfirmedEmail === null) {
    return apiError(403, 'This method is only available while the e-mail is awaiting confirmation');
  }
  const email = stringParam(params, 'email');
  if (email !== undefined && email !== user.signUp.email) {
    const details: Details = {};
    checkEmail(state, details, email);
    if (details.email) return apiError(422, `Validation failed: Email ${details.email[0]!.description}`);
    user.signUp.unconfirmedEmail = email;
  }
  sendConfirmation(state, user);
  return json(200, {});
}

/** The link in the email: confirms, and takes a corrected address over. */
function confirm(state: ServerState, params: Params): Reply {
  const value = stringParam(params, 'confirmation_token');
  const user = [...state.users.values()].find((u) => u.signUp && value && u.signUp.confirmationToken === value);
  if (!user?.signUp) return html(404, htmlPage('Invalid link', '<h1>This confirmation link is invalid or expired.</h1>'));
  user.signUp.confirmed = true;
  if (user.signUp.unconfirmedEmail) user.signUp.email = user.signUp.unconfirmedEmail;
  user.signUp.unconfirmedEmail = null;
  user.signUp.confirmationToken = '';
  const next = user.signUp.approved ? 'You can now use your account.' : 'Your account is now waiting for review by the staff.';
  return html(200, htmlPage('Email confirmed', `<h1>Your email address has been confirmed, @${escapeHtml(user.username)}.</h1><p>${next}</p>`));
}

/** Test-only (the staff's "Approve" button): POST /_test/accounts/:username/approve. */
function approve(state: ServerState, username: string): Reply {
  const user = findUser(state, username);
  if (!user?.signUp) return apiError(404, 'Record not found');
  user.signUp.approved = true;
  return json(200, { username: user.username, approved: true });
}

/** Test-only (the person clicking the link, without reading the outbox): POST /_test/accounts/:username/confirm. */
function confirmByUsername(state: ServerState, username: string): Reply {
  const user = findUser(state, username);
  if (!user?.signUp) return apiError(404, 'Record not found');
  return confirm(state, { confirmation_token: user.signUp.confirmationToken });
}

export const signUpRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/accounts',
    // Every caller is on loopback: one IP, as Rack::Attack would count it.
    handle: ({ state, headers, params }) => createAccount(state, headers, params, '127.0.0.1'),
  },
  { method: 'POST', path: '/api/v1/emails/confirmations', handle: ({ state, headers, params }) => resendConfirmation(state, headers, params) },
  { method: 'GET', path: '/auth/confirmation', handle: ({ state, params }) => confirm(state, params) },
  { method: 'POST', path: /^\/_test\/accounts\/(?<username>[^/]+)\/approve$/, handle: ({ state, pathParams }) => approve(state, pathParams.username!) },
  { method: 'POST', path: /^\/_test\/accounts\/(?<username>[^/]+)\/confirm$/, handle: ({ state, pathParams }) => confirmByUsername(state, pathParams.username!) },
];
