import { browser } from 'wxt/browser';
import { createTabSignIn } from '@/lib/connect/tab-sign-in';

/** The extension page an instance redirects to when the sign-in runs in a tab (web-accessible in Firefox). */
const CALLBACK_PAGE = '/oauth-callback.html';

/**
 * The browser's `identity` API, if it has `launchWebAuthFlow`: told by the feature itself,
 * not by the user agent. Firefox for Android has no `identity` at all.
 *
 * The Android test build (`npm run build:firefox:e2e-android`, mode `e2e-android`) hides it,
 * so desktop Firefox runs the Android path through the real sign-in page. Vite replaces
 * `import.meta.env.MODE` with the build's mode, so in the product build the condition is
 * `'production' === 'e2e-android'` and the hiding is dropped (scripts/test-e2e.ts checks
 * the shipped build for the mode's name).
 */
function identityApi() {
  if (import.meta.env.MODE === 'e2e-android') return undefined;
  const identity = (browser as { identity?: typeof browser.identity }).identity;
  return typeof identity?.launchWebAuthFlow === 'function' ? identity : undefined;
}

export interface SignInWindow {
  /** Where the instance sends the person back: the app registration is made for it. */
  redirectUri: string;
  /** Opens the sign-in page; resolves with the URL it ended on (lib/connect/flow.ts). */
  launchAuthFlow(url: string): Promise<string>;
  /** The callback page's report (tab sign-in only; always false with the identity API). */
  arrived(url: string, tabId: number | null): boolean;
}

/**
 * The sign-in window: the browser's own (`identity.launchWebAuthFlow`) where there is one,
 * else a tab whose redirect lands on our callback page (lib/connect/tab-sign-in.ts says why
 * a tab and not the out-of-band code). The two redirect URIs differ, and app registrations
 * are cached per redirect URI (lib/registrations.ts), so each way has an app of its own.
 * One app with both URIs would do for Mastodon (Doorkeeper splits `redirect_uris` on
 * newlines), not for Friendica, which redirects to the app's stored `redirect_uri` as a
 * whole (src/Module/OAuth/Authorize.php), nor where servers disagree (DESIGN §9).
 */
export function createSignInWindow(): SignInWindow {
  const identity = identityApi();
  if (identity) {
    return {
      redirectUri: identity.getRedirectURL(),
      async launchAuthFlow(url) {
        const redirected = await identity.launchWebAuthFlow({ url, interactive: true });
        if (!redirected) throw new Error('The sign-in window returned nothing.');
        return redirected;
      },
      arrived: () => false,
    };
  }
  const tabSignIn = createTabSignIn({
    async open(url) {
      const tab = await browser.tabs.create({ url, active: true });
      if (tab.id === undefined) throw new Error('The sign-in tab could not be opened.');
      return tab.id;
    },
    close: (tabId) => browser.tabs.remove(tabId),
    onClosed(listener) {
      const onRemoved = (tabId: number) => listener(tabId);
      browser.tabs.onRemoved.addListener(onRemoved);
      return () => browser.tabs.onRemoved.removeListener(onRemoved);
    },
  });
  return { redirectUri: browser.runtime.getURL(CALLBACK_PAGE), launchAuthFlow: tabSignIn.launch, arrived: tabSignIn.arrived };
}
