import { before, describe } from 'node:test';
import { browserSkipReason } from '../../scripts/support/browsers.ts';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { a11yScenarios, rtlScenario } from './a11y-scenarios.ts';
import { composerScenarios } from './composer-scenarios.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { dialectScenarios } from './dialect-scenarios.ts';
import { startChromium } from './drivers/chromium.ts';
import { registerScenarios } from './harness.ts';
import { bigMediaScenarios, mediaScenarios } from './media-scenarios.ts';
import { optionsScenarios } from './options-scenarios.ts';
import { sharePageScenarios } from './share-page-scenarios.ts';
import { shareScenarios } from './share-scenarios.ts';
import { signUpScenarios } from './signup-scenarios.ts';
import { storageScenarios } from './storage-scenarios.ts';
import { storeScenarios } from './store-scenarios.ts';
import { threadScenarios } from './thread-scenarios.ts';
import { restingHeightAndLooks, toolbarScenarios } from './toolbar-scenarios.ts';

const skip = browserSkipReason('Chromium');

describe('Chromium', () => {
  let extensionDir = '';
  // Under npm run test:e2e this reuses the build made just before; `node --test` on this
  // file alone builds when the build is stale.
  before(async () => {
    if (!skip) extensionDir = await ensureBuilt('chrome');
  });
  registerScenarios(
    'chromium',
    (launch) => startChromium(extensionDir, launch),
    [
      // The same list as Firefox's (firefox.e2e.ts)…
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
      ...Object.values(threadScenarios),
      ...Object.values(storageScenarios),
      ...Object.values(bigMediaScenarios),
      restingHeightAndLooks,
      rtlScenario,
      // …but Chromium switches the colour scheme of an open page, so its tour above already
      // audited dark mode; and what only Chromium can do (each says why in its file):
      ...Object.values(mediaScenarios),
    ],
    skip,
  );
});
