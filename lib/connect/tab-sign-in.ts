/**
 * Signing in in an ordinary tab, for a browser without `identity.launchWebAuthFlow`
 * (Firefox for Android has no `identity` API at all). The instance's sign-in page opens in
 * a tab; its redirect URI is an extension page (`oauth-callback.html`, web-accessible) that
 * reports the URL it was opened with; the tab is closed and the flow goes on exactly as
 * after `launchWebAuthFlow`: lib/connect/flow.ts checks that the answer came to our
 * redirect URI, that its `state` is the one this flow sent, then exchanges the code with
 * the PKCE verifier. No host permission is needed: the tab is a plain navigation.
 *
 * Why a tab and not the out-of-band flow (`urn:ietf:wg:oauth:2.0:oob`, the server shows the
 * code and the person pastes it): every family we serve redirects to a registered
 * non-http(s) redirect URI, and the redirect keeps `state`, which the out-of-band pages drop
 * (they show the code alone), so the forgery check would be lost. Read in each family's source:
 * - Mastodon: any scheme but data/vbscript/javascript (`forbid_redirect_uri`,
 *   config/initializers/doorkeeper.rb), and the authorize page lifts CSP `form-action`
 *   (`p.form_action(false)`, app/controllers/oauth/authorizations_controller.rb) so the
 *   browser follows the redirect after the form; its out-of-band page shows `params[:code]`
 *   only (app/views/oauth/authorizations/show.html.haml).
 * - GoToSocial: stores the redirect URI as given (internal/processing/app.go AppCreate) and
 *   redirects through its OAuth library; out-of-band shows the code alone (internal/api/auth/oob.go).
 * - Pleroma / Akkoma: `redirect(conn, external: url)` to any listed URI, with `code` and
 *   `state`; out-of-band renders oob_authorization_created.html (lib/pleroma/web/o_auth/o_auth_controller.ex).
 * - Hollo: `redirect_uris` must parse as URLs (z.url(), src/api/v1/apps.ts); the authorize POST
 *   redirects with `code` and `state`, out-of-band shows AuthorizationCodePage (src/oauth.tsx).
 * - snac: redirects to any `redir` with `code` and `state` (303); out-of-band answers the code
 *   with "&state=…" glued on (grunfink/snac2 mastoapi.c, oauth_post_handler x-snac-login).
 * - Friendica: redirects with `code` and `state`; out-of-band prints "Please copy the following
 *   authentication code…" (src/Module/OAuth/Authorize.php).
 * - Misskey family: Iceshrimp.NET redirects with `code` and `state`, out-of-band shows "Your code
 *   is:" (Iceshrimp.Backend/Pages/OAuth/Authorize.cshtml). Sharkey's /oauth/authorize hands
 *   over to MiAuth, which answers `session`, not `code`, to either kind of redirect URI
 *   (packages/backend/src/server/oauth/OAuth2ProviderService.ts, frontend pages/miauth.vue):
 *   neither way signs in there, as with launchWebAuthFlow on the desktop.
 */

/** What the background gives: the browser's tabs, as ids. */
export interface SignInTabs {
  /** Opens `url` in a new tab in front; resolves with its id. */
  open(url: string): Promise<number>;
  close(tabId: number): Promise<void>;
  /** Calls `listener` whenever a tab is closed; returns the function that stops it. */
  onClosed(listener: (tabId: number) => void): () => void;
}

/** Read as "sign-in was cancelled" by authWindowErrorFrom (lib/connect/errors.ts), like Chrome's own words. */
export const CLOSED_BEFORE_REDIRECT = 'The user closed the sign-in tab.';

export interface TabSignIn {
  /**
   * As `identity.launchWebAuthFlow`: resolves with the URL the sign-in ended on. Once `stop`
   * is aborted (the flow gave up waiting), the tab is no longer heard; it stays open, and
   * its callback page then says the sign-in is no longer waiting.
   */
  launch(url: string, stop?: AbortSignal): Promise<string>;
  /**
   * The callback page reports the URL it was opened with, from its tab. Only a tab that a
   * sign-in opened and still waits on is heard (any web page may open the callback page,
   * which is web-accessible); true when it was one, and its tab is then closed.
   */
  arrived(url: string, tabId: number | null): boolean;
}

export function createTabSignIn(tabs: SignInTabs): TabSignIn {
  /** Sign-ins waiting for their redirect, by the tab they opened; `done` forgets one. */
  const waiting = new Map<number, { resolve(url: string): void; reject(error: Error): void; done(): void }>();

  return {
    async launch(url, signal) {
      let closedTab: number | null = null;
      // Listening before the tab exists: a tab closed at once is not missed.
      const stopListening = tabs.onClosed((tabId) => {
        const flow = waiting.get(tabId);
        if (!flow) {
          closedTab = tabId;
          return;
        }
        flow.done();
        flow.reject(new Error(CLOSED_BEFORE_REDIRECT));
      });
      let tabId: number;
      try {
        tabId = await tabs.open(url);
      } catch (error) {
        stopListening();
        throw error;
      }
      if (closedTab === tabId) {
        stopListening();
        throw new Error(CLOSED_BEFORE_REDIRECT);
      }
      return new Promise<string>((resolve, reject) => {
        const done = () => {
          waiting.delete(tabId);
          stopListening();
          signal?.removeEventListener('abort', forget);
        };
        const forget = () => {
          done();
          reject(new Error('The sign-in is no longer waited for.'));
        };
        waiting.set(tabId, { resolve, reject, done });
        if (signal?.aborted) forget();
        else signal?.addEventListener('abort', forget, { once: true });
      });
    },

    arrived(url, tabId) {
      const flow = tabId === null ? undefined : waiting.get(tabId);
      if (!flow || tabId === null) return false;
      flow.done();
      flow.resolve(url);
      // The person is done with the instance's page; the popup tells the outcome.
      void tabs.close(tabId).catch(() => undefined);
      return true;
    },
  };
}
