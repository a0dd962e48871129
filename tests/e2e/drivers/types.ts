/**
 * What a scenario may do with a page: only what a person can do (type into a labelled
 * field, click a named button, press keys, read what is shown). Both browsers implement it,
 * so every scenario is written once.
 */
export interface PageLike {
  /** Clicks the textbox with this accessible name, clears it and types `text`. */
  type(label: string, text: string): Promise<void>;
  /**
   * As `type`, into the password field with this label (a password field has no
   * textbox role, so it is found by its label).
   */
  typeSecret(label: string, text: string): Promise<void>;
  /** Clicks the button with this accessible name. */
  click(button: string): Promise<void>;
  /** Ticks the checkbox with this accessible name. */
  check(checkbox: string): Promise<void>;
  /** Whether the checkbox with this accessible name is ticked. */
  isChecked(checkbox: string): Promise<boolean>;
  /** Clicks the button with this accessible name and picks `paths` in the file chooser it opens. */
  chooseFiles(button: string, paths: string[]): Promise<void>;
  /** Presses `key` on the focused button, which opens a file chooser, and picks `paths` there. */
  chooseFilesWithKey(key: string, paths: string[]): Promise<void>;
  press(key: string): Promise<void>;
  /** Waits until what the page shows (see visibleText) contains `text`. */
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /**
   * Waits until an element with this role (a live region: what a screen reader
   * announces) shows some text, or text `matching`, and returns that text.
   */
  waitForRole(role: 'alert' | 'status', matching?: RegExp, timeoutMs?: number): Promise<string>;
  /** What the textbox with this accessible name holds now. */
  valueOf(label: string): Promise<string>;
  /** Waits until an element with this role and accessible name is shown. */
  waitFor(role: Role, name: string, timeoutMs?: number): Promise<void>;
  /** Whether an element with this role and accessible name is shown now. */
  isShown(role: Role, name: string): Promise<boolean>;
  /** Where the link with this accessible name leads (what hovering it shows). */
  linkTarget(link: string): Promise<string>;
  /** Visible text plus the choices of drop-down lists: what a person can read. */
  visibleText(): Promise<string>;
  /** Clicks the menu item or list option with this role and accessible name (toolbar menus, suggestions). */
  choose(role: 'menuitem' | 'menuitemradio' | 'option', name: string): Promise<void>;
  /** Types `text` with the keyboard into whatever has the focus, without clearing it first. */
  typeHere(text: string): Promise<void>;
  /**
   * An image pasted, as a person pastes a copied one, into the textbox with this accessible
   * name; resolves with the name of the file the page got (the browser may choose it:
   * Firefox calls a pasted image image.png). Chromium fires the paste event carrying the
   * file (Chromium hands a page-made paste event's files to the page); Firefox, which gives
   * such an event no files, copies the image to the real clipboard and presses Ctrl+V
   * (needs `launch.clipboard`).
   */
  pasteImage(label: string, image: TestFile): Promise<string>;
  /** Files dropped onto the textbox with this accessible name: the page gets the browser's drop event carrying them. */
  dropFiles(label: string, files: TestFile[]): Promise<void>;
  /** How tall the page's content is, in CSS pixels: a popup window takes this height. */
  contentHeight(): Promise<number>;
  /** How the page fits its width, and its controls smaller than `min` × `min` px. */
  fit(min: number): Promise<Fit>;
  /**
   * A PNG of the whole page (or only what the window shows, `fullPage: false`), also
   * saved as `tests/e2e/artifacts/<browser>-<name>.png`.
   */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<Buffer>;
  /** axe-core's audit of the page as it is now: the rules it breaks (none, we hope). */
  audit(): Promise<AxeViolation[]>;
  /** The element that has the keyboard focus: its role, accessible name, and whether a focus ring is drawn. */
  focused(): Promise<Focused>;
  /** Where the element with this role and accessible name is drawn, in CSS pixels. */
  box(role: Role, name: string): Promise<{ x: number; y: number; width: number; height: number }>;
  close(): Promise<void>;
}

export type Role =
  | 'textbox'
  | 'button'
  | 'link'
  | 'checkbox'
  | 'combobox'
  | 'heading'
  | 'option'
  | 'menuitem'
  | 'menuitemradio'
  | 'listbox'
  | 'menu';

/** A file handed to the page (pasted or dropped), its bytes in base64. */
export interface TestFile {
  name: string;
  type: string;
  base64: string;
}

/** One axe rule the page breaks, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The focused element as a keyboard user meets it. */
export interface Focused {
  tag: string;
  role: string | null;
  /** Its label, aria-label or text, as a person would call it. */
  name: string;
  /** An outline or box-shadow is drawn around it. */
  ringVisible: boolean;
  /** The styles that draw (or fail to draw) that ring, for messages. */
  ring: string;
}

/** How the browser is started for a scenario: its UI language and colour scheme. */
export interface Launch {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /**
   * The scenario pastes through the system's clipboard (PageLike.pasteImage). Firefox then
   * runs with a window on a private Xvfb display: headless, its clipboard keeps text only.
   */
  clipboard?: boolean;
}

export interface Driver {
  readonly browser: 'chromium' | 'firefox';
  /** The colour scheme pages see unless a test switches it (Chromium can, see ThemedPage). */
  readonly colorScheme: 'light' | 'dark';
  /** Opens the action popup's page (popup.html) in a new tab sized like a popup. */
  openPopup(): Promise<PageLike>;
  /** Opens one of the extension's own pages (`options.html`, `compose.html?…`) in a new tab, optionally of this size. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<PageLike>;
  /** Opens the options page (options.html) in a new tab. */
  openOptions(): Promise<PageLike>;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: where the extension's own windows (compose.html) are. */
  readonly extensionOrigin: string;
  /**
   * A click on one of the extension's context-menu items. A real right-click can't be
   * driven: Chromium's service worker dispatches `contextMenus.onClicked` itself, which
   * runs the registered listener; Firefox has no such dispatch, so its test build (only
   * that one) lets the test call the very listener the menu calls (see e2e-hooks.ts).
   */
  clickContextMenu(click: ContextMenuClick, tab: ClickedTab): Promise<void>;
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
  /** Opens a web page in a new tab, in front. */
  openPage(url: string): Promise<PageLike>;
  /**
   * Stops the extension's background mid-work, whatever it is doing; resolves once it has
   * stopped. The next event (a message, a port) starts it again. Chromium: its service
   * worker, as Chrome stops an idle one or one 5 minutes on one event (DevTools protocol
   * `ServiceWorker.stopWorker`). Firefox: its event page, as Firefox suspends an idle one
   * (what about:debugging's "Terminate Background Script" does: `Extension.terminateBackground`).
   */
  stopBackground(): Promise<void>;
  /**
   * Shares the page of the front tab (opened with openPage) as a person does, through the
   * extension's real listener and with the activeTab grant a person's gesture gives, and
   * returns the compose window that opens. How each browser gets there: see its driver.
   */
  shareFrontPage(): Promise<PageLike>;
  /** storage.local as the extension sees it. */
  readStorage(): Promise<Record<string, unknown>>;
  /**
   * Writes raw values into storage.local, as a crash mid-write, a bug or an older version
   * could have left them (a person can't; the tests must): Chromium from the service
   * worker, Firefox from one of the extension's pages (the same storage area).
   */
  writeStorage(values: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** A page whose colour scheme can be switched, as the system's light or dark mode does. */
export interface ThemedPage extends PageLike {
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
}

/** A right-click on a page: what `contextMenus.onClicked` reports (the fields we use). */
export interface ContextMenuClick {
  menuItemId: string;
  pageUrl: string;
  selectionText?: string;
  linkUrl?: string;
  srcUrl?: string;
}

/** The tab that was right-clicked, as `contextMenus.onClicked` reports it (its id, title and URL). */
export interface ClickedTab {
  id: number;
  title: string;
  url: string;
}

/**
 * What Chromium also lets a test do: its DevTools protocol reaches the extension's service
 * worker (where the context-menu listener is) and the page's media features.
 */
export interface ChromiumDriver extends Driver {
  readonly browser: 'chromium';
  /** As Driver.openPopup; Chromium can also switch the page between light and dark. */
  openPopup(): Promise<ThemedPage>;
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<ThemedPage>;
  openOptions(): Promise<ThemedPage>;
  /**
   * Bytes of JavaScript heap in use in the extension's background (its service worker)
   * and in its offscreen document, if one is open (`Runtime.getHeapUsage`).
   */
  backgroundHeap(): Promise<{ serviceWorker: number; offscreen: number | null }>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Width of the popup page in screenshots; the height follows the content. */
export const POPUP_VIEWPORT = { width: 400, height: 600 };
/** A small phone's screen in CSS px (Firefox for Android shows the popup and every page at its width). */
export const PHONE_VIEWPORT = { width: 360, height: 740 };

/** How a page fits its width, and which of its shown controls are too small for a finger. */
export interface Fit {
  /** The page's viewport width (with its scroll bar, if any). */
  width: number;
  /** How far its content sticks out sideways (0: nothing needs scrolling sideways). */
  overflow: number;
  /**
   * Shown controls (buttons, fields, lists, checkboxes with their labels) smaller than
   * `min` × `min` CSS px, described as "role name: w×h".
   */
  small: string[];
}
