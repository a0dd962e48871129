/**
 * What a scenario may do with a page: only what a person can do (type into a labelled
 * field, click a named button, press keys, read what is shown). Both browsers implement it,
 * so every scenario is written once.
 */
export interface PageLike {
  /** Clicks the textbox with this accessible name, clears it and types `text`. */
  type(label: string, text: string): Promise<void>;
  /** Clicks the button with this accessible name. */
  click(button: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Waits until what the page shows (see visibleText) contains `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /** Waits until an element with this role shows some text, and returns that text. */
  waitForRole(role: 'alert' | 'status', timeoutMs?: number): Promise<string>;
  /** What the textbox with this accessible name holds now. */
  valueOf(label: string): Promise<string>;
  /** Waits until a textbox or button with this accessible name is shown. */
  waitFor(role: 'textbox' | 'button', name: string, timeoutMs?: number): Promise<void>;
  /** Visible text plus the choices of drop-down lists: what a person can read. */
  visibleText(): Promise<string>;
  /** A PNG of the page, also saved as `tests/e2e/artifacts/<browser>-<name>.png`. */
  screenshot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export interface Driver {
  readonly browser: 'chromium' | 'firefox';
  /** Opens the action popup's page (popup.html) in a new tab sized like a popup. */
  openPopup(): Promise<PageLike>;
  /**
   * Resolves with the next window that shows a page whose URL starts with `urlPrefix`
   * (the sign-in window of `identity.launchWebAuthFlow`). Start waiting before the
   * click that opens it.
   */
  waitForWindow(urlPrefix: string, timeoutMs?: number): Promise<PageLike>;
  /** Host of the extension's `identity.getRedirectURL()`. */
  readonly redirectHost: string;
  /** Every attempt since launch to reach a host other than 127.0.0.1, as the tripwire proxy saw it. */
  outsideAttempts(): string[];
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Width of the popup page in screenshots; the height follows the content. */
export const POPUP_VIEWPORT = { width: 400, height: 600 };
