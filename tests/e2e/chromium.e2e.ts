import { before, describe } from 'node:test';
import { ensureBuilt } from '../../scripts/lib/build.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { startChromium } from './drivers/chromium.ts';

describe('Chromium', () => {
  let extensionDir = '';
  before(async () => {
    extensionDir = await ensureBuilt('chrome');
  });
  connectScenarios(() => startChromium(extensionDir), [
    'first-connect',
    'reopen-and-second-account',
    'cancelled-sign-in',
    'registration-503',
    'second-instance',
  ]);
});
