import { a11yScenarios, rtlScenario } from './a11y-scenarios.ts';
import { composerScenarios } from './composer-scenarios.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { dialectScenarios } from './dialect-scenarios.ts';
import type { Scenario } from './harness.ts';
import { backgroundStopScenarios, bigMediaScenarios, uploadRedirectScenarios } from './media-scenarios.ts';
import { optionsScenarios } from './options-scenarios.ts';
import { sharePageScenarios } from './share-page-scenarios.ts';
import { shareScenarios } from './share-scenarios.ts';
import { signUpScenarios } from './signup-scenarios.ts';
import { storageScenarios } from './storage-scenarios.ts';
import { storeScenarios } from './store-scenarios.ts';
import { threadScenarios } from './thread-scenarios.ts';
import { restingHeightAndLooks, toolbarScenarios } from './toolbar-scenarios.ts';

/**
 * Every scenario that Chromium and Firefox both run, written once so that the two lists
 * can't drift apart: each browser's file adds only what it alone needs, with the reason.
 */
export const bothBrowsers: Scenario[] = [
  ...Object.values(connectScenarios),
  ...Object.values(dialectScenarios),
  ...Object.values(composerScenarios),
  ...Object.values(shareScenarios),
  ...Object.values(sharePageScenarios),
  ...Object.values(optionsScenarios),
  ...Object.values(signUpScenarios),
  ...Object.values(toolbarScenarios),
  ...Object.values(a11yScenarios),
  ...Object.values(storeScenarios),
  ...Object.values(uploadRedirectScenarios),
  ...Object.values(backgroundStopScenarios),
  ...Object.values(threadScenarios),
  ...Object.values(storageScenarios),
  ...Object.values(bigMediaScenarios),
  restingHeightAndLooks,
  rtlScenario,
];
