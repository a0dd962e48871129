import { randomBytes } from 'node:crypto';
import { dialectNamed, type Dialect } from './dialects.ts';
import { defaultLimits } from './limits.ts';
import type { FakeMastodonOptions, Limits, MediaType, Privacy, QuoteApprovalEntity, QuotePolicy, SentEmail, SignUpSettings, StatusEditEntity, StatusEntity } from './types.ts';

export interface User {
  id: string;
  username: string;
  displayName: string;
  privacy: Privacy;
  language: string | null;
  createdAt: Date;
  /** `source[quote_policy]`: who may quote this user's posts unless a post says otherwise. */
  quotePolicy: QuotePolicy;
  /** A remote account (seen through this server): its domain; null for local users. */
  domain: string | null;
  /** Signed up through the API: what Mastodon's User record holds besides the account. */
  signUp?: SignUpRecord;
}

/** A user created by POST /api/v1/accounts: waiting for its email and, maybe, for staff. */
export interface SignUpRecord {
  email: string;
  /** A corrected address waiting for confirmation (Devise's reconfirmable). */
  unconfirmedEmail: string | null;
  confirmed: boolean;
  approved: boolean;
  /** The app whose token created it: only that app may resend the email. */
  createdByAppId: string;
  confirmationToken: string;
  locale: string | null;
  reason: string | null;
}

export interface App {
  id: string;
  name: string;
  website: string | null;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  userId: string;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

export interface AccessToken {
  clientId: string;
  scopes: string[];
  /** null for an app token (client_credentials). */
  userId: string | null;
  createdAt: number;
  revoked: boolean;
}

export interface MediaAttachment {
  id: string;
  userId: string;
  type: MediaType;
  contentType: string;
  filename: string;
  data: Buffer;
  description: string | null;
  focus: { x: number; y: number } | null;
  /** Processing is over from this time on (ms since the epoch). */
  readyAt: number;
  statusId: string | null;
}

export interface Poll {
  id: string;
  options: string[];
  expiresAt: Date;
  multiple: boolean;
}

export interface Status {
  id: string;
  userId: string;
  createdAt: Date;
  text: string;
  spoilerText: string;
  visibility: StatusEntity['visibility'];
  localOnly: boolean;
  contentType: string | null;
  sensitive: boolean;
  language: string | null;
  media: MediaAttachment[];
  poll: Poll | null;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  /** The app whose token posted it. */
  application: { name: string; website: string | null } | null;
  /** `quote_approval_policy` as stored: `nobody` for private and direct posts. */
  quotePolicy: QuotePolicy;
  /** The post this one quotes, and whether the quote was accepted or awaits its author. */
  quote: { statusId: string; state: 'accepted' | 'pending' } | null;
  /** The last edit; absent: never edited. */
  editedAt?: Date;
  /** Its versions, oldest first, once edited (Mastodon snapshots the original at the first edit). */
  edits?: StatusEditEntity[];
  /** A remote post: where it lives, and how its remote author's policy applies (fixed by the test). */
  remote: { url: string; quoteApproval: QuoteApprovalEntity; imageUrl: string | null } | null;
}

export interface ScheduledStatus {
  id: string;
  userId: string;
  scheduledAt: Date;
  /** The post's parameters as the ScheduledStatus entity shows them. */
  params: Record<string, unknown>;
  media: MediaAttachment[];
}

/** What an Idempotency-Key first produced, as Mastodon keeps it in Redis. */
export interface IdempotentResult {
  kind: 'status' | 'scheduled';
  id: string;
  expiresAt: number;
}

export interface ServerState {
  dialect: Dialect;
  /** Filled in once the server listens. */
  origin: string;
  host: string;
  title: string;
  wellKnown: boolean;
  instanceV2: boolean;
  pkce: boolean;
  /** `api_versions.mastodon`; 0 leaves it out, as servers before 4.3 do. */
  apiVersion: number;
  limits: Limits;
  registrationsClosed: boolean;
  signUps: SignUpSettings;
  /** Confirmation emails, oldest first. */
  outbox: SentEmail[];
  /** POST /api/v1/accounts per caller, in Rack::Attack's fixed 30-minute windows. */
  signUpAttempts: Map<string, { window: number; count: number }>;
  /** Keyed by lower-case username: Mastodon usernames are case-insensitive. */
  users: Map<string, User>;
  apps: Map<string, App>;
  codes: Map<string, AuthorizationCode>;
  tokens: Map<string, AccessToken>;
  mediaProcessingMs: number;
  idempotency: boolean;
  keepsMediaOnDelete: boolean;
  /** RFC 9207 `iss` on the authorization redirect. */
  issParameter: boolean;
  /** In insertion order, that is oldest first. */
  media: Map<string, MediaAttachment>;
  statuses: Map<string, Status>;
  scheduledStatuses: Map<string, ScheduledStatus>;
  /** Keyed by "<user id>:<key>". */
  idempotencyKeys: Map<string, IdempotentResult>;
  /** Remote posts no search has resolved yet. */
  unfetched: Set<string>;
  nextId(): string;
}

/** Mastodon's defaults: open, no age limit, every locale, no sign-up throttle for localhost. */
export const DEFAULT_SIGN_UPS: SignUpSettings = {
  mode: 'open',
  reasonRequired: false,
  minAge: null,
  message: null,
  url: null,
  termsOfService: true,
  locales: ['en', 'de', 'fr', 'es', 'ja', 'nl', 'pt-BR', 'zh-CN'],
  blockedEmailDomains: ['blocked.example'],
  throttle: null,
};

const DEFAULT_USERS = [
  { username: 'alice', displayName: 'Alice Example' },
  { username: 'bob', displayName: 'Bob Builder' },
];

/** Doorkeeper's secrets are 43 url-safe characters; ours look the same. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function createState(options: FakeMastodonOptions): ServerState {
  const dialect = dialectNamed(options.dialect);
  // Snowflake-like ids, as Mastodon's are: large numbers sent as strings; other dialects their own.
  let sequence = 109_000_000_000_000_000n;
  const state: ServerState = {
    dialect,
    origin: '',
    host: '',
    title: options.title ?? 'Fake Mastodon',
    wellKnown: options.wellKnown ?? dialect.discovery,
    instanceV2: options.instanceV2 ?? dialect.instanceV2,
    pkce: options.pkce ?? dialect.pkce,
    apiVersion: options.mastodonApiVersion ?? 7,
    limits: { ...defaultLimits(), ...dialect.limits, ...options.limits },
    registrationsClosed: false,
    signUps: { ...DEFAULT_SIGN_UPS, ...options.signUps },
    outbox: [],
    signUpAttempts: new Map(),
    users: new Map(),
    apps: new Map(),
    codes: new Map(),
    tokens: new Map(),
    mediaProcessingMs: options.mediaProcessingMs ?? dialect.mediaProcessingMs,
    idempotency: options.idempotency ?? dialect.idempotency,
    keepsMediaOnDelete: options.keepsMediaOnDelete ?? true,
    issParameter: options.issParameter ?? false,
    media: new Map(),
    statuses: new Map(),
    scheduledStatuses: new Map(),
    idempotencyKeys: new Map(),
    unfetched: new Set(),
    nextId: () => dialect.newId(++sequence),
  };
  for (const preset of options.users ?? DEFAULT_USERS) {
    addUser(state, preset.username, preset);
  }
  return state;
}

export function findUser(state: ServerState, username: string): User | undefined {
  return state.users.get(username.toLowerCase());
}

export function addUser(
  state: ServerState,
  username: string,
  details: { displayName?: string; privacy?: Privacy; language?: string | null; domain?: string } = {},
): User {
  const user: User = {
    id: state.nextId(),
    username,
    displayName: details.displayName ?? username,
    privacy: details.privacy ?? 'public',
    language: details.language === undefined ? 'en' : details.language,
    createdAt: new Date(),
    quotePolicy: 'public',
    domain: details.domain ?? null,
  };
  state.users.set(details.domain ? `${username}@${details.domain}`.toLowerCase() : username.toLowerCase(), user);
  return user;
}

export function findUserById(state: ServerState, id: string): User | undefined {
  for (const user of state.users.values()) if (user.id === id) return user;
  return undefined;
}
