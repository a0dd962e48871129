import { before, describe } from 'node:test';
import { browserSkipReason } from '../../scripts/support/browsers.ts';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { bothBrowsers } from './both-browsers.ts';
import { startChromium } from './drivers/chromium.ts';
import { registerScenarios } from './harness.ts';
import { restingInGerman } from './toolbar-scenarios.ts';

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
    // Chromium switches the colour scheme of an open page, so the shared scenarios audit
    // both schemes there. Its own: the composer in German, a language Firefox here can't
    // be started in (restingInGerman says why).
    [...bothBrowsers, restingInGerman],
    skip,
  );
});
