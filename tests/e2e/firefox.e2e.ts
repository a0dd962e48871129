import { before, describe } from 'node:test';
import { browserSkipReason } from '../../scripts/support/browsers.ts';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { darkAuditTour } from './a11y-scenarios.ts';
import { androidScenarios } from './android-scenarios.ts';
import { bothBrowsers } from './both-browsers.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { startFirefox } from './drivers/firefox.ts';
import { registerScenarios } from './harness.ts';
import { restingLooksDark } from './toolbar-scenarios.ts';

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
      ...bothBrowsers,
      // Plus the audit tour and the composer's looks in a dark-mode browser, as Firefox
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
