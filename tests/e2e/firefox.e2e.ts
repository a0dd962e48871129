import { before, describe } from 'node:test';
import { browserSkipReason } from '../../scripts/support/browsers.ts';
import { ensureBuilt } from '../../scripts/support/build.ts';
import { composerScenarios } from './composer-scenarios.ts';
import { connectScenarios } from './connect-scenarios.ts';
import { dialectScenarios } from './dialect-scenarios.ts';
import { startFirefox } from './drivers/firefox.ts';
import { registerScenarios } from './harness.ts';
import { toolbarScenarios } from './toolbar-scenarios.ts';
import { backgroundStopScenarios, uploadRedirectScenarios } from './media-scenarios.ts';
import { sharePageScenarios } from './share-page-scenarios.ts';
import { signUpScenarios } from './signup-scenarios.ts';

const skip = browserSkipReason('Firefox');

describe('Firefox', () => {
  let extensionDir = '';
  // Under npm run test:e2e this reuses the build made just before; `node --test` on this
  // file alone builds when the build is stale.
  before(async () => {
    if (!skip) extensionDir = await ensureBuilt('firefox');
  });
  registerScenarios(() => startFirefox(extensionDir), [
    connectScenarios.firstConnect,
    connectScenarios.reopenAndSecondAccount,
    connectScenarios.cancelledSignIn,
    connectScenarios.deletedAppHeals,
    ...Object.values(dialectScenarios),
    composerScenarios.postWithMedia,
    composerScenarios.draftSurvivesClose,
    ...Object.values(signUpScenarios),
    composerScenarios.undoRestoresDraft,
    ...Object.values(toolbarScenarios),
    ...Object.values(sharePageScenarios),
    ...Object.values(uploadRedirectScenarios),
    ...Object.values(backgroundStopScenarios),
  ], skip);
});
