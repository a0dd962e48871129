import { lazy, Loading } from '../lazy';

/**
 * The composer's folded tools: each one's code loads the first time it is drawn
 * (docs/architecture.md, "What loads at rest"), so that the popup opens with what it
 * shows at rest only. bench/bundle-sizes.ts names each of these chunks and weighs them
 * apart from the popup; bench/popup-timing.ts checks in Chromium that none loads at rest.
 */

/** A menu's place while its list loads: the button keeps the focus, the list takes it once drawn. */
const menuBusy = () => <Loading class="menu menu-end loading" />;

export const ToolMenuList = lazy(() => import('./ToolMenuList').then((m) => m.ToolMenuList), menuBusy);
export const LanguageList = lazy(() => import('./LanguageList').then((m) => m.LanguageList), menuBusy);
export const AlsoPostAsChoices = lazy(() => import('./AlsoPostAsChoices').then((m) => m.AlsoPostAsChoices));
/** No busy line: the list shows once the server answered anyway, and typing goes on meanwhile. */
export const Suggestions = lazy(
  () => import('./Suggestions').then((m) => m.Suggestions),
  () => null,
);
export const PollEditor = lazy(() => import('./PollEditor').then((m) => m.PollEditor));
export const ScheduleField = lazy(() => import('./ScheduleField').then((m) => m.ScheduleField));
export const ScheduleChip = lazy(() => import('./ScheduleField').then((m) => m.ScheduleChip));
export const ThreadEditor = lazy(() => import('./ThreadEditor').then((m) => m.ThreadEditor));
export const ThreadOffer = lazy(() => import('./ThreadOffer').then((m) => m.ThreadOffer));
export const MediaList = lazy(() => import('./MediaList').then((m) => m.MediaList));
export const ServerOptions = lazy(() => import('./ServerOptions').then((m) => m.ServerOptions));
export const AltTextNudge = lazy(() => import('./AltTextNudge').then((m) => m.AltTextNudge));
export const PostResult = lazy(() => import('./PostResult').then((m) => m.PostResult));
export const TargetResults = lazy(() => import('./TargetResults').then((m) => m.TargetResults));
/** No busy line: the list is a live region, and its sentences follow a moment later. */
export const ProblemItems = lazy(
  () => import('./ProblemItems').then((m) => m.ProblemItems),
  () => null,
);
export const PostErrorMessage = lazy(() => import('./PostErrorMessage').then((m) => m.PostErrorMessage));
