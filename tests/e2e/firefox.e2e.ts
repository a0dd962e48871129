import { before, describe } from 'node:test';
import { ensureBuilt } from '../../scripts/lib/build.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { startFirefox } from './drivers/firefox.ts';

describe('Firefox', () => {
  let extensionDir = '';
  // Under npm run test:e2e this reuses the build made just before; `node --test` on this
  // file alone builds when the build is stale.
  before(async () => {
    extensionDir = await ensureBuilt('firefox');
  });
  connectScenarios(() => startFirefox(extensionDir), ['first-connect', 'reopen-and-second-account', 'cancelled-sign-in']);
});
