/**
 * gzip bytes each part of the build may weigh: what a page loads (its JS and CSS, every
 * chunk counted), or the service worker's one file. 1 KB = 1000 bytes, as the issue's
 * figures (the background's 30039 B were "30.0 KB").
 */
export const BUDGETS = {
  /** Issue 9: room for the other open issues, all landed; a worker can't load code lazily. */
  background: 40_000,
  /**
   * Opened on every click on the toolbar button: DESIGN's 25 KB, JS and CSS together,
   * for what a connected popup loads at rest (before the person opens any folded tool).
   */
  popup: 25_000,
  /**
   * A share window at rest: the popup's composer (held to the popup's 25 KB) and the
   * share's panel, which only a share window draws (0.8 KB inside the page's script). Set
   * at 25 KB first, on the mistaken belief that a share window needs no more than the
   * popup; 26 KB since the panel moved into the share window's own script (it was a
   * chunk of its own, loaded at once, and shipped with the popup too).
   */
  compose: 26_000,
  /**
   * What the popup loads only on use, together (each file once): the composer's folded
   * tools (menus' lists, language list, poll, schedule, thread, media, autocomplete,
   * results…), the last posts' list, and the connect flow with its rarer states
   * (bench/bundle-sizes.ts ON_DEMAND). Each has its own chunk and style sheet, which
   * compress less well apart than together. Set at 25 KB when the folded tools left the
   * popup at rest (21.6 KB then); 30 KB since the connect flow (≈ 2.6 KB) and the last
   * posts (≈ 1.5 KB) left it too: the same bytes, moved, not added. Still catches a
   * library pulled into one of them.
   */
  popupOnDemand: 30_000,
  /**
   * The popup's sign-up form, loaded only on "Create an account" (not with the popup,
   * nor with a connected popup's composer): its own budget.
   */
  signUpForm: 10_000,
  /**
   * Opened rarely, on purpose (accounts, registrations, manual app credentials,
   * settings): 26.8 KB today; 35 KB leaves the other open issues' settings room while
   * still catching a second copy of zod or a whole library pulled in by mistake.
   */
  options: 35_000,
} as const;
export type BudgetedPart = keyof typeof BUDGETS;
