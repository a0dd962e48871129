import { before, describe } from 'node:test';
import { browserSkipReason } from '../../scripts/support/browsers.ts';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { a11yScenarios, darkAuditTour, rtlScenario } from './a11y-scenarios.ts';
import { androidScenarios } from './android-scenarios.ts';
import { composerScenarios } from './composer-scenarios.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { dialectScenarios } from './dialect-scenarios.ts';
import { startFirefox } from './drivers/firefox.ts';
import { registerScenarios } from './harness.ts';
import { bigMediaScenarios } from './media-scenarios.ts';
import { optionsScenarios } from './options-scenarios.ts';
import { sharePageScenarios } from './share-page-scenarios.ts';
import { shareScenarios } from './share-scenarios.ts';
import { signUpScenarios } from './signup-scenarios.ts';
import { storageScenarios } from './storage-scenarios.ts';
import { storeScenarios } from './store-scenarios.ts';
import { threadScenarios } from './thread-scenarios.ts';
import { restingHeightAndLooks, restingLooksDark, toolbarScenarios } from './toolbar-scenarios.ts';

const skip = browserSkipReason('Firefox');

describe('Firefox', () => {
  let extensionDir = '';
  // Under npm run test:e2e this reuses the build made just before; `node --test` on this
  // file alone builds when the build is stale.
  before(async () => {
    // The e2e build: the product build plus the hook that stands in for a right-click.
    if (!skip) extensionDir = await ensureBuilt('firefox-e2e');
  });
  registerScenarios(
    'firefox',
    (launch) => startFirefox(extensionDir, launch),
    [
      // The same list as Chromium's (chromium.e2e.ts)…
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
      // …plus the audit tour and the composer's looks in a dark-mode browser, as Firefox
      // cannot switch an open page's scheme.
      darkAuditTour,
      restingLooksDark,
    ],
    skip,
  );
});

// Firefox for Android has no identity API; the e2e-android build hides it in desktop Firefox,
// whose pages then see a phone's touch pointer and width (drivers/firefox.ts `phone`).
describe('Firefox without the identity API (as on Android)', () => {
  let extensionDir = '';
  before(async () => {
    if (!skip) extensionDir = await ensureBuilt('firefox-android');
  });
  registerScenarios(
    'firefox',
    (launch) => startFirefox(extensionDir, launch, { phone: true }),
    [
      androidScenarios.connectInTab,
      // Closing the sign-in tab, and a deleted app healing with a second tab: as with the
      // identity API's window, whose error page Firefox also leaves open until closed.
      connectScenarios.cancelledSignIn,
      connectScenarios.deletedAppHeals,
    ],
    skip,
  );
});
