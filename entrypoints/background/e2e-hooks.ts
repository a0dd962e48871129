import type { Browser } from 'wxt/browser';

/** What the real-browser tests may call in the background of a test build. */
export interface E2EHooks {
  /** The listener `contextMenus.onClicked` calls: the test runs the same code a click runs. */
  clickContextMenu(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void;
}

/**
 * Test builds only (`wxt build --mode e2e`, see build:firefox:e2e): Firefox's WebDriver
 * BiDi can neither right-click a page nor dispatch an extension event (Chromium's service
 * worker has `onClicked.dispatch`, Firefox's background page has no such thing), so the
 * e2e build hands the tests the registered listener itself. The product build never calls
 * this: the call site is behind `import.meta.env.MODE === 'e2e'`, which the build
 * replaces with `false` and drops (checked by scripts/test-e2e.ts on the product build).
 */
export function exposeForE2E(hooks: E2EHooks): void {
  (globalThis as { fedipostE2E?: E2EHooks }).fedipostE2E = hooks;
}
