/** Public types of the fake Mastodon server: tests, the demo and benchmarks code against these. */

export type Privacy = 'public' | 'unlisted' | 'private' | 'direct';
export type QuotePolicy = 'public' | 'followers' | 'nobody';

/** QuoteApproval (Mastodon 4.5): who is expected to quote automatically or after review, and what applies to the viewer. */
export interface QuoteApprovalEntity {
  automatic: string[];
  manual: string[];
  current_user: 'automatic' | 'manual' | 'denied' | 'unknown';
}

/** A post on another server, as this server would fetch it when its URL is searched with resolve=true. */
export interface RemotePost {
  /** Where the post is (its page and ActivityPub id). */
  url: string;
  /** `user@domain` of its author. */
  author: string;
  displayName?: string;
  text: string;
  /** How the author's quote policy applies to whoever searches it. */
  quoteApproval: QuoteApprovalEntity;
  /** A first image's preview. */
  imageUrl?: string;
}

/**
 * The server family the test server imitates (tests/fake-mastodon/dialects.ts): Mastodon,
 * GoToSocial, Pleroma/Akkoma, Hollo, or `minimal` with snac's traits.
 */
export type DialectName = 'mastodon' | 'gotosocial' | 'pleroma' | 'hollo' | 'minimal';
export const DIALECT_NAMES: readonly DialectName[] = ['mastodon', 'gotosocial', 'pleroma', 'hollo', 'minimal'];

export interface PresetUser {
  username: string;
  displayName?: string;
  privacy?: Privacy;
  language?: string | null;
}

export interface FakeMastodonOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** The family to imitate; default `mastodon`. Its traits set the defaults of the options below. */
  dialect?: DialectName;
  /** Instance title, default "Fake Mastodon". */
  title?: string;
  /** Default: alice ("Alice Example") and bob ("Bob Builder"). */
  users?: PresetUser[];
  /** Serve /.well-known/oauth-authorization-server (Mastodon ≥ 4.3); default true. */
  wellKnown?: boolean;
  /** Serve /api/v2/instance; false answers 404 like servers older than 4.0. Default true. */
  instanceV2?: boolean;
  /** Advertise and verify PKCE; false ignores code_challenge like servers without it. Default true. */
  pkce?: boolean;
  /** Overrides of the default limits (Mastodon 4.5's). */
  limits?: Partial<Limits>;
  /**
   * How long an upload stays "processing" (202, url null, 206 on GET) before it is ready.
   * Default 300; 0 answers 200 with the url at once, as servers without delayed processing do.
   */
  mediaProcessingMs?: number;
  /** Honour the Idempotency-Key header of POST /api/v1/statuses; false ignores it like some servers. Default true. */
  idempotency?: boolean;
  /** `api_versions.mastodon` of /api/v2/instance: 7 (4.5, quotes) by default; 0 leaves it out as before 4.3. */
  mastodonApiVersion?: number;
  /**
   * DELETE /api/v1/statuses/:id without `delete_media` unattaches the media, for a redraft
   * to attach again, as Mastodon does (default true); false removes it with the status, as
   * a server without delete & redraft may.
   */
  keepsMediaOnDelete?: boolean;
  /**
   * RFC 9207: add `iss` (the issuer of the well-known metadata, `origin/` as Mastodon's)
   * to the authorization redirect, and announce it in the metadata. Default false.
   */
  issParameter?: boolean;
  /** How the server takes sign-ups (POST /api/v1/accounts); default: open, like Mastodon. */
  signUps?: Partial<SignUpSettings>;
}

/** Sign-up settings, as an admin sets them in Mastodon (and as GoToSocial behaves). */
export interface SignUpSettings {
  /** Setting.registrations_mode: open, approved (staff review), none (closed). */
  mode: 'open' | 'approval' | 'closed';
  /** Setting.require_invite_text: a reason is required when approval is. */
  reasonRequired: boolean;
  /** Setting.min_age: a date of birth is required and checked. */
  minAge: number | null;
  /** Setting.closed_registrations_message, as HTML; shown only while closed. */
  message: string | null;
  /** SSO_ACCOUNT_SIGN_UP: sign-up happens on another site. */
  url: string | null;
  /** Serve /api/v1/instance/terms_of_service (Mastodon ≥ 4.4 with terms set up); default true. */
  termsOfService: boolean;
  /** I18n.available_locales: a `locale` outside them fails with ERR_INCLUSION. */
  locales: string[];
  /** E-mail domains under an EmailDomainBlock (ERR_BLOCKED). Domains ending in `.invalid` have no MX (ERR_UNREACHABLE). */
  blockedEmailDomains: string[];
  /**
   * Rack::Attack's throttle_api_sign_up (5 per 30 minutes per IP). Mastodon safelists
   * localhost, so the default is none; a number enforces that many per window.
   */
  throttle: number | null;
}

/** A confirmation email the server sent. */
export interface SentEmail {
  to: string;
  username: string;
  /** GET this to confirm, as the person clicking the link does. */
  link: string;
  at: number;
}

export interface Fault {
  /** Answer with this status and a Mastodon-style {"error": "..."} body; 429 adds rate-limit headers. */
  status?: number;
  /** Replaces the JSON error body of a status fault. */
  body?: unknown;
  /** Wait before answering (alone: then answer normally). */
  delayMs?: number;
  /** 200 application/json with a truncated, invalid JSON body. */
  malformed?: boolean;
  /** 200 text/html page, what a non-Mastodon site answers. */
  html?: boolean;
  /** Destroy the connection without any HTTP answer, as a connection reset does. */
  drop?: boolean;
  /**
   * Let the route do its work first (the status or upload really is created), then answer
   * with the fault instead: "the server did it, but the answer was lost".
   */
  afterProcessing?: boolean;
  /** Answer with a redirect (status, default 307, keeps method and body) to this URL. */
  redirectTo?: string;
  /**
   * Let the route answer, then change its JSON object: these fields replace the route's
   * (a `javascript:` url, a username with a newline, an odd token_type…).
   */
  patch?: Record<string, unknown>;
  /** Let the route answer, then pad its JSON object with a field of this many bytes. */
  padBytes?: number;
  /**
   * The request arrives this many more times, as when a browser re-sends a POST whose
   * connection broke: the route does its work each time (use with `afterProcessing`).
   */
  resentTimes?: number;
  /**
   * Read the request body at most this fast (bytes per second), as a slow line does: the
   * client's upload progresses slowly, its socket held back by the server not reading.
   */
  throttleBytesPerSecond?: number;
  /** Apply to the next N matching requests only; default until cleared. */
  times?: number;
  /** Let this many matching requests through first (a fault at part 3 of a thread: 2). */
  after?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The request's headers, names in lower case (as Node gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  at: number;
  /** From the request's arrival until its answer was sent (or the connection dropped): includes receiving the body. */
  durationMs: number;
  body?: Record<string, unknown>;
}

/** Instance limits, read live by both instance endpoints so tests can change them. */
export interface Limits {
  maxCharacters: number;
  maxMediaAttachments: number;
  charactersReservedPerUrl: number;
  supportedMimeTypes: string[];
  /** Bytes. */
  imageSizeLimit: number;
  /** Bytes; applies to video and audio. */
  videoSizeLimit: number;
  descriptionLimit: number;
  pollMaxOptions: number;
  pollMaxCharactersPerOption: number;
  /** Seconds. */
  pollMinExpiration: number;
  /** Seconds. */
  pollMaxExpiration: number;
}

export interface PublicApp {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  website: string | null;
}

/** The Account entity, typed as far as tests read it. */
export type AccountEntity = Record<string, unknown> & { id: string; username: string; acct: string };

export type MediaType = 'image' | 'gifv' | 'video' | 'audio' | 'unknown';

/** The MediaAttachment entity as the server sends it; `url` is null while processing. */
export interface MediaAttachmentEntity {
  id: string;
  type: MediaType;
  url: string | null;
  preview_url: string | null;
  remote_url: null;
  preview_remote_url: null;
  meta: { focus?: { x: number; y: number } };
  description: string | null;
  blurhash: string | null;
}

/** An upload as tests see it: the entity, plus what was received and where it went. */
export interface StoredMedia extends MediaAttachmentEntity {
  /** The MIME type the upload declared. */
  mime_type: string;
  /** Length of the uploaded bytes. */
  size: number;
  /** The status it is attached to, if any. */
  status_id: string | null;
}

/** The Poll entity; `voted` and `own_votes` only for a signed-in viewer. */
export interface PollEntity {
  id: string;
  expires_at: string;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number;
  options: Array<{ title: string; votes_count: number }>;
  emojis: [];
  voted?: boolean;
  own_votes?: number[];
}

/** The Status entity; the viewer-relative fields only for a signed-in viewer. */
export interface StatusEntity {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: Privacy | 'local' | 'mutuals_only';
  language: string | null;
  uri: string;
  /** GoToSocial's flag, where the dialect has it. */
  local_only?: boolean;
  url: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  /** Set by the last edit (PUT /api/v1/statuses/:id). */
  edited_at: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  filtered?: [];
  content: string;
  reblog: null;
  application: { name: string; website: string | null } | null;
  account: AccountEntity;
  media_attachments: MediaAttachmentEntity[];
  mentions: [];
  tags: [];
  emojis: [];
  card: null;
  poll: PollEntity | null;
  quote_approval: QuoteApprovalEntity;
  quotes_count: number;
  /** Quote (accepted: the post) or a placeholder without it (pending). */
  quote: { state: 'accepted' | 'pending'; quoted_status: StatusEntity | null } | null;
}

/** A created status as tests see it: the entity its author gets, plus its source `text`, as Mastodon adds when asked for the source. */
export interface StoredStatus extends StatusEntity {
  text: string;
  /** What `quoted_status_id` was accepted (null: no quote). */
  quoted_status_id: string | null;
  /** The quote policy stored for it. */
  quote_approval_policy: QuotePolicy;
  /** `content_type` as sent, where the dialect reads it. */
  content_type?: string;
}

/** The ScheduledStatus entity; `params` holds the post's parameters as they were given. */
export interface ScheduledStatusEntity {
  id: string;
  scheduled_at: string;
  params: Record<string, unknown>;
  media_attachments: MediaAttachmentEntity[];
}

export interface FakeMastodon {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** "127.0.0.1:PORT" */
  host: string;
  /** Every request in arrival order, CORS preflights included (method OPTIONS). */
  requests: LoggedRequest[];
  /** Requests with exactly this method and path (so OPTIONS only when asked for). */
  count(method: string, path: string): number;
  clearLog(): void;
  /** route = "METHOD /path" (path without query) or "* *" for every request but preflights. */
  setFault(route: string, fault: Fault | null): void;
  clearFaults(): void;
  /** POST /api/v1/apps answers 403 while closed. */
  closeRegistrations(closed: boolean): void;
  /** Forget every app (and so its codes and tokens), as if an admin deleted them. */
  deleteApps(): void;
  /** The dialect the server speaks. */
  readonly dialect: DialectName;
  /** Every user token issued so far answers 401 from now on. */
  revokeAllTokens(): void;
  readonly apps: ReadonlyArray<PublicApp>;
  /** Confirmation emails sent by sign-ups and resends, oldest first. */
  readonly emails: ReadonlyArray<SentEmail>;
  /** Changes the sign-up settings live (as an admin would). */
  setSignUps(settings: Partial<SignUpSettings>): void;
  /** Created statuses, oldest first, as their author sees them now. */
  readonly statuses: ReadonlyArray<StoredStatus>;
  /** Scheduled statuses, oldest first. */
  readonly scheduledStatuses: ReadonlyArray<ScheduledStatusEntity>;
  /** Uploaded attachments, oldest first. */
  readonly media: ReadonlyArray<StoredMedia>;
  limits: Limits;
  /** A post on another server that a search with resolve=true finds; returns its id here. */
  addRemotePost(post: RemotePost): string;
  close(): Promise<void>;
}

/** StatusEdit: one version of an edited status (GET /api/v1/statuses/:id/history). */
export interface StatusEditEntity {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: StatusEntity['account'];
  poll: { options: Array<{ title: string }> } | null;
  media_attachments: StatusEntity['media_attachments'];
  emojis: [];
}
