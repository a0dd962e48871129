import { before, describe } from 'node:test';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { a11yScenarios, rtlScenario } from './a11y-scenarios.ts';
import { composerScenarios } from './composer-scenarios.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { dialectScenarios } from './dialect-scenarios.ts';
import { startChromium } from './drivers/chromium.ts';
import { registerScenarios } from './harness.ts';
import { mediaScenarios } from './media-scenarios.ts';
import { optionsScenarios } from './options-scenarios.ts';
import { shareScenarios } from './share-scenarios.ts';
import { storageScenarios } from './storage-scenarios.ts';
import { storeScenarios } from './store-scenarios.ts';

describe('Chromium', () => {
  let extensionDir = '';
  // Under npm run test:e2e this reuses the build made just before; `node --test` on this
  // file alone builds when the build is stale.
  before(async () => {
    extensionDir = await ensureBuilt('chrome');
  });
  registerScenarios('chromium', (launch) => startChromium(extensionDir, launch), [
    // The same list as Firefox's (firefox.e2e.ts)…
    ...Object.values(connectScenarios),
    ...Object.values(dialectScenarios),
    ...Object.values(composerScenarios),
    ...Object.values(shareScenarios),
    ...Object.values(optionsScenarios),
    ...Object.values(a11yScenarios),
    ...Object.values(storeScenarios),
    // …but Chromium switches the colour scheme of an open page, so its tour above already
    // audited dark mode; and what only Chromium can do (each says why in its file):
    ...Object.values(storageScenarios),
    ...Object.values(mediaScenarios),
    rtlScenario,
  ]);
});
