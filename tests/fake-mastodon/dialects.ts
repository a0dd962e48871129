import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { apiError, html, htmlPage, json, type Reply } from './http.ts';
import { countableLength, graphemeLength } from './status-text.ts';
import type { DialectName, Limits } from './types.ts';

/**
 * How other Mastodon-compatible servers differ from Mastodon, one trait table per family.
 * Each trait reproduces what that server's source does (the comments name it), or what
 * was observed on real servers (issue 15). `mastodon` is the server as it always was.
 */
export interface Dialect {
  name: DialectName;
  /** NodeInfo's software; null: no /.well-known/nodeinfo. */
  software: { name: string; version: string } | null;
  /** The instance's `version` string. */
  version: string;
  instanceV2: boolean;
  /** /.well-known/oauth-authorization-server. */
  discovery: boolean;
  pkce: boolean;
  idempotency: boolean;
  /** 0: media is ready at once (200). */
  mediaProcessingMs: number;
  limits: Partial<Limits>;
  /** The post's length as the server measures it, or null when it checks none. */
  length(text: string, spoilerText: string, limits: Limits): number | null;
  /** The answer to a post over the limit. */
  tooLong(length: number, limits: Limits): Reply;
  /** A new id in the server's format. */
  newId(sequence: bigint): string;
  /** Reads form bodies on POST /api/v1/statuses; false: only JSON (Hollo). */
  statusFormBodies: boolean;
  /** The answer to a missing, unknown or revoked token. */
  badToken(): Reply;
  /** The body of an API 404. */
  notFound(): Reply;
  /** client_credentials needs redirect_uri. */
  clientCredentialsNeedRedirectUri: boolean;
  /** GET /api/v1/apps/verify_credentials accepts an app token. */
  appTokenVerifies: boolean;
  revokeDeletesApp: boolean;
  /** The token answer's `created_at` in milliseconds. */
  tokenCreatedAtMs: boolean;
  /** The app answer leaves out scopes, redirect_uris and client_secret_expires_at. */
  minimalAppAnswer: boolean;
  /** The authorize page for an app the server no longer knows. */
  unknownClientPage(description: string): Reply;
  localOnly: 'flag' | 'visibility' | null;
  mutualsOnly: boolean;
  contentTypes: string[];
  /** A content warning makes the post sensitive (Mastodon); false leaves `sensitive` as sent. */
  sensitiveWithSpoiler: boolean;
  /** Media entity with a wrong `type`, GET /api/v1/media/:id answering 404, new ids in the status. */
  mediaQuirks: boolean;
  /** Sign-in asks for an e-mail address first, then for consent on a second page (Hollo). */
  emailThenConsent: boolean;
  /**
   * PUT /api/v1/statuses/:id: `full` as Mastodon 4.1+ (media_ids, media_attributes, poll);
   * `no-media-attributes` takes media_ids but no new alt text (Pleroma/Akkoma's
   * StatusUpdateRequest); `text-only` changes text, warning, sensitivity and language and
   * leaves media and poll alone (Hollo's app.put); null: no editing (404).
   */
  edits: 'full' | 'no-media-attributes' | 'text-only' | null;
}

const snowflake = (sequence: bigint) => String(sequence);

/** Crockford base-32 ULID: 48 bits of time, then randomness (GoToSocial's ids). */
function ulid(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = Date.now();
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = alphabet[time % 32] + out;
    time = Math.floor(time / 32);
  }
  for (const byte of randomBytes(16)) out += alphabet[byte % 32];
  return out;
}

/** Pleroma's 128-bit flake ids, base62 (FlakeId): lexically sortable strings. */
function flake(sequence: bigint): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let n = (BigInt(Date.now()) << 64n) | sequence;
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** snac's "%10.0f%s": seconds since the epoch, then an md5 (mastoapi.c mastoapi_id). */
function snacId(sequence: bigint): string {
  return `${Math.floor(Date.now() / 1000)}${createHash('md5').update(String(sequence)).digest('hex')}`;
}

const mastodonTooLong = (_: number, limits: Limits) => apiError(422, `Validation failed: Text character limit of ${limits.maxCharacters} exceeded`);
const doorkeeperErrorPage = (description: string) => html(400, htmlPage('An error has occurred', `<h1>An error has occurred</h1><p>${description}</p>`));

const MASTODON: Dialect = {
  name: 'mastodon',
  software: { name: 'mastodon', version: '4.5.0' },
  version: '4.5.0',
  instanceV2: true,
  discovery: true,
  pkce: true,
  idempotency: true,
  mediaProcessingMs: 300,
  limits: {},
  length: (text, spoiler, limits) => countableLength(spoiler, text, limits.charactersReservedPerUrl),
  tooLong: mastodonTooLong,
  newId: snowflake,
  statusFormBodies: true,
  badToken: () => apiError(401, 'The access token is invalid'),
  notFound: () => apiError(404, 'Record not found'),
  clientCredentialsNeedRedirectUri: false,
  appTokenVerifies: true,
  revokeDeletesApp: false,
  tokenCreatedAtMs: false,
  minimalAppAnswer: false,
  unknownClientPage: doorkeeperErrorPage,
  localOnly: null,
  mutualsOnly: false,
  contentTypes: [],
  sensitiveWithSpoiler: true,
  mediaQuirks: false,
  emailThenConsent: false,
  edits: 'full',
};

const DIALECTS: Record<DialectName, Dialect> = {
  mastodon: MASTODON,
  gotosocial: {
    ...MASTODON,
    name: 'gotosocial',
    software: { name: 'gotosocial', version: '0.17.3' },
    // GoToSocial's version string names only its own version.
    version: '0.17.3+git-1573cd',
    discovery: false,
    idempotency: false,
    mediaProcessingMs: 0,
    // Advertises 25 per URL, but counts URLs at full length (issue 15).
    limits: { maxCharacters: 5000, charactersReservedPerUrl: 25, maxMediaAttachments: 6 },
    // statuscreate.go: len([]rune(form.Status)) + len([]rune(form.SpoilerText)).
    length: (text, spoiler) => [...text].length + [...spoiler].length,
    tooLong: (length, limits) =>
      apiError(
        400,
        `Bad Request: status too long, ${length} characters provided (including spoiler/content warning) but limit is ${limits.maxCharacters}`,
      ),
    newId: () => ulid(),
    badToken: () => apiError(401, 'Unauthorized: token not supplied or invalid'),
    notFound: () => apiError(404, 'Not Found'),
    clientCredentialsNeedRedirectUri: true,
    appTokenVerifies: false,
    // Observed: a deleted app's sign-in window ends on an HTTP 500 page.
    unknownClientPage: () => html(500, htmlPage('Internal Server Error', '<h1>500: Internal Server Error</h1>')),
    localOnly: 'flag',
    mutualsOnly: true,
    contentTypes: ['text/plain', 'text/markdown'],
    sensitiveWithSpoiler: false,
  },
  pleroma: {
    ...MASTODON,
    name: 'pleroma',
    software: { name: 'akkoma', version: '3.13.2' },
    version: '2.7.2 (compatible; Akkoma 3.13.2)',
    instanceV2: false,
    discovery: false,
    mediaProcessingMs: 0,
    limits: { maxCharacters: 5000 },
    // activity_draft.ex: String.length(String.trim(status <> summary)), graphemes, URLs in full.
    length: (text, spoiler) => graphemeLength((text + spoiler).trim()),
    tooLong: () => apiError(422, 'The status is over the character limit'),
    newId: flake,
    badToken: () => apiError(403, 'Invalid credentials.'),
    notFound: () => apiError(404, 'Not found'),
    localOnly: 'visibility',
    contentTypes: ['text/plain', 'text/markdown', 'text/html', 'text/bbcode'],
    edits: 'no-media-attributes',
  },
  hollo: {
    ...MASTODON,
    name: 'hollo',
    software: { name: 'hollo', version: '0.6.0' },
    version: '4.0.0 (compatible; Hollo 0.6.0)',
    discovery: false,
    mediaProcessingMs: 0,
    limits: { maxCharacters: 10000, charactersReservedPerUrl: 256, maxMediaAttachments: 8 },
    // src/api/v1/statuses.ts checks no length.
    length: () => null,
    newId: () => randomUUID(),
    statusFormBodies: false,
    sensitiveWithSpoiler: false,
    emailThenConsent: true,
    edits: 'text-only',
  },
  minimal: {
    ...MASTODON,
    name: 'minimal',
    software: { name: 'snac', version: '2.94' },
    version: '4.0.0 (not true; really snac/2.94)',
    instanceV2: false,
    discovery: false,
    pkce: false,
    idempotency: false,
    mediaProcessingMs: 0,
    limits: { maxCharacters: 100000, charactersReservedPerUrl: 32, maxMediaAttachments: 8 },
    length: () => null,
    newId: snacId,
    // snac answers status codes without a body (mastoapi.c).
    badToken: () => ({ status: 401 }),
    notFound: () => ({ status: 404 }),
    clientCredentialsNeedRedirectUri: true,
    appTokenVerifies: false,
    revokeDeletesApp: true,
    tokenCreatedAtMs: true,
    minimalAppAnswer: true,
    unknownClientPage: () => ({ status: 400 }),
    sensitiveWithSpoiler: true,
    mediaQuirks: true,
    // Not looked up in snac's source; Fedipost offers no editing there.
    edits: null,
  },
};

export function dialectNamed(name: DialectName = 'mastodon'): Dialect {
  return DIALECTS[name];
}

/** NodeInfo's discovery document and 2.0 document, where the dialect has them. */
export function nodeinfoReply(dialect: Dialect, origin: string, document: boolean): Reply {
  if (!dialect.software) return dialect.notFound();
  if (!document) return json(200, { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${origin}/nodeinfo/2.0` }] });
  return json(200, {
    version: '2.0',
    software: dialect.software,
    protocols: ['activitypub'],
    services: { inbound: [], outbound: [] },
    openRegistrations: true,
    usage: { users: {} },
    metadata: {},
  });
}
