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
    visibility: 'public' | 'unlisted' | 'private' | 'direct';
    language: string | null;
    sensitive: boolean;
  };
}

/** Why a connect attempt failed; the UI turns each code into a specific sentence. */
export type ConnectErrorCode =
  | 'invalid-input' // detail = InstanceInputProblem
  | 'unreachable' // network error / DNS / offline
  | 'not-mastodon' // answered, but not like a Mastodon-compatible server
  | 'registration-refused' // POST /api/v1/apps refused (403/503/closed) → manual credentials
  | 'manual-credentials-rejected' // the client key/secret the person entered do not work
  | 'cancelled' // the person closed the sign-in window
  | 'auth-page-failed' // the sign-in page could not be loaded or expired
  | 'state-mismatch' // returned `state` did not match: possible forgery
  | 'sign-in-failed' // code exchange refused (server's text in detail)
  | 'verify-failed' // token obtained but verify_credentials failed
  | 'rate-limited' // 429; retryAt when known
  | 'server-error' // 5xx
  | 'unexpected-response' // JSON of an unexpected shape
  | 'interrupted' // the service worker was restarted mid-flow
  | 'busy'; // another connect is already running

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

export type ConnectPhase = 'checking' | 'registering' | 'authorizing' | 'verifying';

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
}

export interface ManualCredentials {
  /** What the person typed for the instance; parsed like a connect input. */
  input: string;
  clientId: string;
  clientSecret: string;
}

/** UI → background requests, and the one background → UI broadcast. */
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
}
