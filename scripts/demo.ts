/**
 * npm run demo: the extension in a real Chromium (fresh profile) next to the test
 * server, to try connecting by hand. Chromium: /usr/bin/chromium or CHROMIUM_PATH.
 */
import { dialectArgument } from '../tests/fake-mastodon/cli-args.ts';
import { startFakeMastodon } from '../tests/fake-mastodon/index.ts';
import { findChromium, INSTALL_HINT, launchChromium, tempDir } from './support/browsers.ts';
import { ensureBuilt } from './support/build.ts';

if (!findChromium()) {
  console.error(`✖ Chromium is not installed. Install it with: ${INSTALL_HINT} (or set CHROMIUM_PATH).`);
  process.exit(1);
}

const extensionDir = await ensureBuilt('chrome');
// npm run demo -- --dialect gotosocial: the test server speaks that family's dialect.
const dialect = dialectArgument(process.argv.slice(2), 'npm run demo -- [--dialect NAME]');
const server = await startFakeMastodon({ dialect });
console.log(`Test server (${dialect} dialect): ${server.origin}`);
const profile = tempDir('demo');
const headless = !process.env.DISPLAY;
if (headless) {
  console.warn(
    '⚠ $DISPLAY is not set: there is no screen to show Chromium on, so it runs HEADLESS (--headless=new)\n' +
      '  and nothing will be visible. To see it here, run it under a virtual display: xvfb-run npm run demo',
  );
}

const { context, extensionId } = await launchChromium({
  extensionDir,
  userDataDir: profile.path,
  headless,
  playwrightHandlesSignals: false,
});
const popup = context.pages()[0] ?? (await context.newPage());
await popup.goto(`chrome-extension://${extensionId}/popup.html`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await context.close().catch(() => {});
  await server.close();
  profile.remove();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// Closing the browser window ends the demo too.
context.once('close', stop);

console.log(`
Fedipost demo${headless ? ' (headless)' : ''}
  Test server:  ${server.origin}   users alice and bob; any name you type on its sign-in page signs in
  Popup:        chrome-extension://${extensionId}/popup.html (open in the first tab)

  In the popup, type into "Instance":  ${server.origin}
  then press Connect and, on the sign-in page, Authorize.

  Stop: Ctrl+C here${headless ? '' : ', or close the browser window'}.
`);
