import type { SuggestionKind, SuggestOutcome } from './composer/autocomplete';
import type { ChosenServer } from './composer/chosen';
import type { Draft, DraftPatch } from './composer/draft';
import type { DraftTarget } from './composer/targets';
import type { ComposerProblem, Limits } from './composer/rules';
import type { ServerProfile } from './server-profile';
import type { Visibility } from './mastodon/accounts';
import type { QuotePolicy } from './mastodon/statuses';

/** Who may quote a post (Mastodon ≥ 4.5). */
export type { QuotePolicy };
import type { SignUpField, ValidationCode } from './mastodon/signup';
import type { CounterStyle } from './settings';

/** Who may see a post: Mastodon's four levels, the one vocabulary of every surface. */
export type { Visibility };

/** The codes of a 422 answer's `details`, one per kind of problem with a field. */
export type { ValidationCode };

/**
 * The one message protocol between the UI surfaces (popup, options, compose window)
 * and the background service worker. The UI never sees tokens: it gets AccountView.
 */

/** A connected account as the UI may see it (no token, no client secret). */
export interface AccountView {
  /** `<username>@<host>`: stable id, also what the UI shows after an `@`. */
  id: string;
  username: string;
  displayName: string;
  avatar: string;
  /** Canonical origin, e.g. `https://example.social`. */
  origin: string;
  scopes: string[];
  defaults: {
    visibility: Visibility;
    language: string | null;
    sensitive: boolean;
    /** `source[quote_policy]` where the server has quotes. */
    quotePolicy?: QuotePolicy | null;
  };
}

/** Why a connect attempt failed; the UI turns each code into a specific sentence. */
export const CONNECT_ERROR_CODES = [
  'invalid-input', // detail = InstanceInputProblem
  'unreachable', // network error / DNS / offline
  'not-mastodon', // answered, but not like a Mastodon-compatible server
  'registration-refused', // POST /api/v1/apps refused (403/503/closed) → manual credentials
  'manual-credentials-rejected', // the client key/secret the person entered do not work
  'cancelled', // the person closed the sign-in window
  'auth-page-failed', // the sign-in page could not be loaded or expired
  'state-mismatch', // returned `state` did not match: possible forgery
  'sign-in-failed', // code exchange refused (server's text in detail)
  'verify-failed', // token obtained but verify_credentials failed
  'rate-limited', // 429; retryAt when known
  'server-error', // 5xx
  'unexpected-response', // JSON of an unexpected shape
  'response-too-large', // an answer over the size cap (1 MB)
  'redirected', // a request carrying credentials was redirected (not followed)
  'unsupported-token-type', // a token other than Bearer; detail = its type
  'interrupted', // the service worker was restarted mid-flow
  'busy', // another connect is already running
] as const;
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number];

export interface ConnectError {
  code: ConnectErrorCode;
  /** Canonical origin, once known. */
  origin?: string;
  /** The server's own words (error_description / error), or the input problem code. */
  detail?: string;
  status?: number;
  /** ISO time after which a retry may work (429). */
  retryAt?: string;
  /** registration-refused: the scopes a hand-made app must have for this instance. */
  scopes?: string;
}

export const CONNECT_PHASES = ['checking', 'registering', 'authorizing', 'verifying'] as const;
export type ConnectPhase = (typeof CONNECT_PHASES)[number];

export type ConnectStatus =
  | { state: 'idle' }
  | { state: 'running'; phase: ConnectPhase; input: string; origin?: string }
  | { state: 'done'; accountId: string }
  | { state: 'failed'; input: string; error: ConnectError };

export interface AppState {
  accounts: AccountView[];
  defaultAccountId: string | null;
  connect: ConnectStatus;
  /** What the instance must accept as redirect URI (shown for manual app credentials). */
  redirectUri: string;
  /** Scopes Fedipost asks for where the instance knows granular scopes. */
  scopes: string;
  /** Accounts created here that can't post yet (as last checked). */
  waiting: WaitingAccountView[];
}

export interface ManualCredentials {
  /** What the person typed for the instance; parsed like a connect input. */
  input: string;
  clientId: string;
  clientSecret: string;
}

/** Which draft a composer surface edits: the popup's own, or one per share window. */
export type DraftId = 'popup' | `share-${string}`;

export interface ComposerState {
  draftId: DraftId;
  draft: Draft;
  /** The draft's account (null: none connected). */
  account: AccountView | null;
  /** The account's instance limits; Mastodon's defaults where it did not say. */
  limits: Limits;
  /** The instance could not be asked: the limits are Mastodon's defaults. */
  limitsAreDefaults: boolean;
  /** How the account's server counts and what it offers (local-only, Markdown…). */
  server: ServerProfile;
  /** The browser's UI language: the language default when the account has none. */
  uiLanguage: string;
  /** The options page's choice: "12 left" or "488 / 500". */
  counterStyle: CounterStyle;
  /** The draft's last post can be undone until then (ms since the epoch); null: nothing to undo. */
  undoUntil: number | null;
  /** Languages of the latest posts, latest first: the language list starts with them. */
  recentLanguages: string[];
  /** Post asks once about media without alt text (the options page can switch it off). */
  altTextReminder: boolean;
  /** The instance takes quote posts and quote policies (Mastodon API version ≥ 7). */
  quotes: boolean;
  /** Cross-posting: the server of every chosen account, the draft's own first (empty for one account). */
  servers: ChosenServer[];
}

/** Why posting failed; the draft is kept in every case. */
export type PostError =
  | { code: 'no-account' }
  | { code: 'invalid-draft'; problems: ComposerProblem[] }
  | { code: 'unauthorized'; accountId: string } // 401: token revoked or password changed → reconnect
  | { code: 'forbidden'; detail?: string } // 403: e.g. scopes, suspended account
  | { code: 'rejected'; status: number; detail?: string } // 400/422 with the server's message
  | { code: 'too-long'; status: number; detail?: string; limit: number } // refused for length despite the counter: its words, the limit used
  /** The server made something else of the post (Hollo and form bodies): removed unless `deleted` is false. */
  | { code: 'server-altered'; differences: Array<'text' | 'visibility' | 'spoiler'>; deleted: boolean }
  | { code: 'rate-limited'; retryAt?: string }
  | { code: 'server-error'; status: number } // 5xx: retry reuses the Idempotency-Key
  | { code: 'unreachable' } // network or time-out: same
  | { code: 'unexpected-response' }
  | { code: 'response-too-large' } // an answer over the size cap: refused unread
  | { code: 'redirected' } // the server redirected the request: not followed, nothing sent on
  | { code: 'processing-timeout' } // the server was still processing a file when Fedipost stopped waiting
  /** Cross-posting: some accounts have their post, `failed` have not; each one's reason is in draft.targets. */
  | { code: 'not-all-posted'; failed: number };

/** Why refreshing a connected account's profile failed (options page). */
export type AccountRefreshError =
  | { code: 'no-account' } // forgotten meanwhile, e.g. disconnected in another window
  | { code: 'unauthorized' } // 401: token revoked → disconnect, then connect again
  | { code: 'rate-limited' } // 429
  | { code: 'unreachable' } // network or time-out
  | { code: 'failed' }; // any other answer

/** Undo: the draft is back (its state), or why not; the post then stays as it is. */
export type UndoOutcome =
  | { ok: true; state: ComposerState }
  | { ok: false; error: PostError | { code: 'undo-expired' } | { code: 'draft-in-use' } };

/** One of the newest posts made from this browser, as the popup lists it (no token, no draft). */
export interface RecentPostView {
  accountId: string;
  statusId: string;
  url: string | null;
  /** The text and warning as last posted or edited here. */
  text: string;
  spoilerText: string;
  /** When it was posted (ms since the epoch). */
  postedAt: number;
  /** Set once edited (the server's `edited_at`): the list says "Edited". */
  editedAt: string | null;
  /** The account's server can edit posts (else only Delete & redraft is offered). */
  editable: boolean;
}

/** A published post opened for editing: its plain text (GET …/source) and what an edit can change. */
export interface EditForm {
  accountId: string;
  statusId: string;
  text: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  media: Array<{ id: string; type: string; previewUrl: string | null; description: string }>;
  /** The server takes new alt text in the edit (else the descriptions are shown, not changed). */
  altText: boolean;
}

/** What the person changed in the edit form. */
export interface EditChanges {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  /** Alt text by media id. */
  descriptions: Record<string, string>;
}

/** Why an edit or a redraft did not happen; the post then stays as it was. */
export type EditError =
  | PostError
  /** The post is no longer on the server (deleted elsewhere): it leaves the list. */
  | { code: 'post-gone' }
  /** The account's server can't edit posts. */
  | { code: 'edit-unsupported' }
  /** Delete & redraft: the composer holds words typed meanwhile, never overwritten. */
  | { code: 'draft-in-use' };

export type EditOpenOutcome = { ok: true; form: EditForm } | { ok: false; error: EditError };

/** Saved; `notApplied` names what the server's answer does not show as changed. */
export type EditSaveOutcome = { ok: true; post: RecentPostView; notApplied: Array<'text' | 'spoiler' | 'altText'> } | { ok: false; error: EditError };

/** Deleted, and the composer holds the post as a new draft (its state). */
export type RedraftOutcome = { ok: true; state: ComposerState; mediaLost: number } | { ok: false; error: EditError };

export type PostOutcome =
  | {
      ok: true;
      url: string | null;
      scheduledAt: string | null;
      /** Extra copies of this post (a lost answer on a server that ignores Idempotency-Key) that were deleted / could not be. */
      removedCopies?: number;
      leftCopies?: number;
      /** Cross-posted: each account's result, by account id (`url` is then the first account's). */
      targets?: Record<string, DraftTarget>;
      /** Posted as a thread: each part's link, in order. */
      threadUrls?: Array<string | null>;
    }
  | { ok: false; error: PostError };

export interface NewMedia {
  fileName: string;
  mimeType: string;
  size: number;
  /**
   * Where the page put the file in the extension's IndexedDB (utils/idb-blob-store.ts).
   * A runtime message can't carry a Blob in Chrome, and one the size of a video would
   * pass its 64 MiB cap as a data: URL: only the id travels. It becomes the media's localId.
   */
  fileId: string;
}

export interface UploadProgressEvent {
  draftId: DraftId;
  localId: string;
  /** Cross-posting: the account whose server this upload goes to (absent: the draft's own). */
  accountId?: string;
  sent: number;
  total: number;
}

/** A share window's draft with words or media in it, closed before posting. */
export interface UnfinishedShare {
  draftId: DraftId;
  /** The start of its text. */
  preview: string;
  mediaCount: number;
  updatedAt: number;
}

/** A cached app registration as the options page shows it (no secret). */
export interface RegistrationView {
  key: string;
  origin: string;
  clientId: string;
  redirectUri: string;
  scopes: string;
  createdAt: number;
  manual: boolean;
  /** Connected accounts whose tokens came through this registration. */
  accountIds: string[];
}

/** What an instance says of joining it, as the sign-up view shows it. */
export type SignUpMode = 'open' | 'approval' | 'closed' | 'elsewhere';

export interface SignUpRule {
  id: string;
  text: string;
  hint: string;
}

export interface SignUpInfo {
  origin: string;
  /** `example.social` (with port where there is one): what the person reads. */
  host: string;
  title: string;
  mode: SignUpMode;
  /** Approval servers: a reason is asked for (required unless the server says not). */
  reasonRequired: boolean;
  /** Years; a date of birth is asked for only when set. */
  minAge: number | null;
  /** The server's closed-registrations message, as plain text. */
  message: string | null;
  /** Where signing up happens when not here: `registrations.url`, else the server's own page. */
  url: string | null;
  rules: SignUpRule[];
  privacyPolicyUrl: string;
  termsUrl: string | null;
}

/** Fields of the sign-up form that the server may answer about (422 `details`). */
export type SignUpFieldName = Exclude<SignUpField, 'locale'>;

/** Why a sign-up step failed; what was typed (but the password) is kept in every case. */
export type SignUpError =
  | { code: 'invalid-input'; detail: string }
  | { code: 'unreachable' | 'not-mastodon' | 'server-error' | 'unexpected-response'; status?: number; detail?: string }
  | { code: 'closed'; message: string | null; url: string | null }
  /** 422: per field, the server's codes (each becomes a sentence on its field). */
  | { code: 'invalid'; fields: Partial<Record<SignUpFieldName, ValidationCode[]>>; summary: string }
  | { code: 'rate-limited'; retryAt?: string }
  /** The server takes no sign-ups from apps (GoToSocial…): its own page was opened. */
  | { code: 'app-sign-up-refused'; signUpUrl: string }
  /** POST /api/v1/apps was refused. */
  | { code: 'registration-refused'; status?: number }
  /** The waiting account is no longer known (forgotten meanwhile). */
  | { code: 'unknown-account' };

/** An account created here whose token doesn't work yet (no token in it). */
export interface WaitingAccountView {
  /** `<username>@<host>`, as connected accounts. */
  id: string;
  username: string;
  origin: string;
  /** Where the confirmation email went (the corrected address after a resend). */
  email: string;
  state: 'confirm-email' | 'approval';
  createdAt: number;
}

/** What the person typed in the sign-up form, but the password: kept across popup closes. */
export interface SignUpDraft {
  input: string;
  username: string;
  email: string;
  dateOfBirth: string;
  reason: string;
  agreed: boolean;
  /**
   * The server refused app sign-ups and its own page was opened (which closes the popup):
   * the reopened popup says so instead of offering the form again.
   */
  refusedSignUpUrl?: string;
}

export interface SignUpRequest {
  origin: string;
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  reason?: string;
  /** ISO date (yyyy-mm-dd). */
  dateOfBirth?: string;
}

export type SignUpOutcome =
  | { ok: true; waiting: WaitingAccountView }
  /** The server needed no confirmation: connected at once. */
  | { ok: true; accountId: string }
  | { ok: false; error: SignUpError };

/** After re-checking the waiting accounts: which became connected accounts. */
export interface WaitingCheck {
  activated: string[];
  waiting: WaitingAccountView[];
}

/**
 * Something stored that could not be read and was set aside (never a secret in it): the
 * popup and the options page say so, and offer a draft's words to copy back.
 */
export interface SetAsideNote {
  id: string;
  item: 'accounts' | 'registrations' | 'drafts';
  /** The whole item was unreadable (all accounts, all drafts…), not one entry of it. */
  whole: boolean;
  /** An account id, an instance origin, a draft id, where the damaged entry still names one. */
  label: string | null;
  /** A draft's recovered words. */
  text: string | null;
  at: number;
}

/**
 * UI → background requests, and the background → UI broadcasts (see BROADCASTS): the one
 * list of messages. Handler and client types below derive from it, so a message is named
 * in exactly one place.
 */
export interface ProtocolMap {
  getState(): AppState;
  /** Runs the whole connect flow; resolves with the final status (also broadcast). */
  connect(data: { input: string }): ConnectStatus;
  /** Stores app credentials created by hand, then connects with them. */
  connectWithManualCredentials(data: ManualCredentials): ConnectStatus;
  /** Forget a finished or failed connect outcome (the popup has shown it). */
  dismissConnectStatus(): void;
  /** Background → UI: progress of the running connect flow. */
  connectStatusChanged(status: ConnectStatus): void;
  /**
   * The sign-in callback page (oauth-callback.html, where a tab sign-in is redirected
   * without the identity API) reports the URL it was opened with and its tab. True when a
   * sign-in was waiting on that tab.
   */
  signInRedirected(data: { url: string; tabId: number | null }): boolean;

  // Composer (popup and share windows)
  getComposer(data: { draftId: DraftId }): ComposerState;
  /** The person typed or toggled something; saved at once (the UI debounces typing). */
  updateDraft(data: { draftId: DraftId; patch: DraftPatch }): Draft;
  /** Another account: re-reads that instance's limits; uploaded media is uploaded again. */
  selectAccount(data: { draftId: DraftId; accountId: string }): ComposerState;
  /** Checked against the instance's limits first; uploads start at once, in parallel. */
  addMedia(data: { draftId: DraftId; media: NewMedia }): { draft: Draft; problem: ComposerProblem | null };
  describeMedia(data: { draftId: DraftId; localId: string; description: string }): Draft;
  removeMedia(data: { draftId: DraftId; localId: string }): Draft;
  retryMedia(data: { draftId: DraftId; localId: string }): Draft;
  /** Stops an upload under way; the file stays (failed, "cancelled") to retry or remove. */
  cancelUpload(data: { draftId: DraftId; localId: string }): Draft;
  /**
   * `idempotencyKey`: the draft the window shows. Asked again after a lost answer, a draft
   * that was posted meanwhile answers with its outcome instead of being looked for anew.
   * `accountId`: cross-posting, that account's "Try again" (only it is sent).
   */
  post(data: { draftId: DraftId; idempotencyKey?: string; accountId?: string }): PostOutcome;
  /** Cross-posting: the other accounts the draft also goes out as (accounts already posted to stay). */
  crosspostTo(data: { draftId: DraftId; accountIds: string[] }): ComposerState;
  /** Deletes the draft's last post (within the undo window) and puts the draft back as posted. */
  undoPost(data: { draftId: DraftId }): UndoOutcome;
  /** The newest posts made from this browser, newest first (a few per account). */
  listRecentPosts(): RecentPostView[];
  /** GET the post and its source: the edit form's starting point. */
  openEdit(data: { accountId: string; statusId: string }): EditOpenOutcome;
  /** PUT /api/v1/statuses/:id with the changes. */
  saveEdit(data: { accountId: string; statusId: string; changes: EditChanges }): EditSaveOutcome;
  /** Deletes the post and puts it into the draft as a new one (media re-attached where the server kept it). */
  deleteAndRedraft(data: { accountId: string; statusId: string; draftId: DraftId }): RedraftOutcome;
  /** Share windows closed before posting, newest first: the popup offers to reopen them. */
  listUnfinishedShares(): UnfinishedShare[];
  openShareDraft(data: { draftId: DraftId }): void;
  /** Autocomplete for the text box: accounts and hashtags from the instance's search, its custom emoji. */
  suggest(data: { accountId: string; kind: SuggestionKind; query: string }): SuggestOutcome;
  /** The person gave up on an unfinished shared post: its draft and files are deleted. */
  discardShareDraft(data: { draftId: DraftId }): void;
  /** Background → UI: a draft changed without the UI asking (upload progress). */
  draftChanged(data: { draftId: DraftId; draft: Draft }): void;
  /** Background → UI: bytes sent of an upload under way (not stored: too frequent). */
  uploadProgress(data: UploadProgressEvent): void;

  // Options page
  setDefaultAccount(data: { accountId: string }): void;
  /** verify_credentials again: new avatar, name, defaults. */
  refreshAccount(data: { accountId: string }): { ok: true; account: AccountView } | { ok: false; error: AccountRefreshError };
  /** Revokes the token (POST /oauth/revoke), then forgets the account even if that failed. */
  disconnect(data: { accountId: string }): { revoked: boolean };
  listRegistrations(): RegistrationView[];
  dropRegistration(data: { key: string }): void;
  /** Stores app credentials made by hand for an instance, after checking they work. */
  saveManualRegistration(data: ManualCredentials): { ok: true } | { ok: false; error: ConnectError };
  dropAllRegistrations(): void;

  // Sign-up (popup; waiting accounts also on the options page)
  /** Reads the instance's registrations, rules and policies. */
  checkSignUp(data: { input: string }): { ok: true; info: SignUpInfo } | { ok: false; error: SignUpError };
  /** Registers the app if needed, then POST /api/v1/accounts. The password goes nowhere else. */
  signUp(data: SignUpRequest): SignUpOutcome;
  getSignUpDraft(): SignUpDraft | null;
  /** Saved as the person types (in storage.session); null forgets it. */
  saveSignUpDraft(data: { draft: SignUpDraft | null }): void;
  /** verify_credentials for each waiting account; the active ones become connected accounts. */
  checkWaitingAccounts(): WaitingCheck;
  /** POST /api/v1/emails/confirmations, to a corrected address when given. */
  resendConfirmation(data: { id: string; email?: string }): { ok: true; waiting: WaitingAccountView } | { ok: false; error: SignUpError };
  forgetWaitingAccount(data: { id: string }): void;
  // Popup, compose window and options page
  /** Notes about stored entries that could not be read, oldest first. */
  listSetAside(): SetAsideNote[];
  /** The person has read the note (and copied what they wanted). */
  dismissSetAside(data: { id: string }): void;
}

/** The messages the background sends to open pages; every other message is a request. */
export const BROADCASTS = ['connectStatusChanged', 'draftChanged', 'uploadProgress'] as const;
export type BroadcastName = (typeof BROADCASTS)[number];
export type RequestName = Exclude<keyof ProtocolMap, BroadcastName>;

/** The background's side: one handler per request (it may answer synchronously). */
export type RequestHandlers = {
  [K in RequestName]: (...data: Parameters<ProtocolMap[K]>) => ReturnType<ProtocolMap[K]> | Promise<ReturnType<ProtocolMap[K]>>;
};

/** The UI's side of the requests `K`: the same arguments, answered asynchronously. */
export type Requests<K extends RequestName = RequestName> = {
  [P in K]: (...data: Parameters<ProtocolMap[P]>) => Promise<ReturnType<ProtocolMap[P]>>;
};

/** `onConnectStatusChanged(listener)` etc.: subscribes to a broadcast, returns the unsubscribe function. */
export type Subscriptions<K extends BroadcastName = BroadcastName> = {
  [P in K as `on${Capitalize<P>}`]: (listener: (...data: Parameters<ProtocolMap[P]>) => void) => () => void;
};

/** Everything a UI surface may ask of the background. Components take a `Pick` of it; tests pass fakes. */
export type Backend = Requests & Subscriptions;
