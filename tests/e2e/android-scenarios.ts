import assert from 'node:assert/strict';
import type { PageLike } from './drivers/types.ts';
import { authorize, handle, screenshot, type Scenario } from './harness.ts';
import { startSharePages } from './share-pages.ts';

/** WCAG 2.5.5's target size, which the touch styles give every control (assets/theme.css). */
const TOUCH_TARGET_PX = 44;

/** The page fits a phone's width: nothing to scroll sideways, every control big enough for a finger. */
async function assertFitsPhone(page: PageLike, what: string) {
  const fit = await page.fit(TOUCH_TARGET_PX);
  assert.equal(fit.width, 360, `${what}: the page is as wide as the phone`);
  assert.equal(fit.overflow, 0, `${what}: nothing sticks out sideways`);
  assert.deepEqual(fit.small, [], `${what}: controls smaller than ${TOUCH_TARGET_PX} × ${TOUCH_TARGET_PX} px`);
}

/**
 * Firefox for Android has no identity API. These run in desktop Firefox on the build that
 * hides it (build:firefox:e2e-android), with a touch screen's pointer and a 360 px screen.
 */
export const androidScenarios = {
  connectInTab: {
    title: 'without the identity API: signs in in a tab through the real sign-in page, back on the extension page; fits 360 px by touch',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await popup.waitFor('button', 'Connect');
      await assertFitsPhone(popup, 'the empty popup');
      await screenshot(driver, popup, 'android-360-empty');

      await popup.type('Instance', server!.origin);
      const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
      await popup.click('Connect');
      const tab = await signIn;
      assert.match(await popup.waitForRole('status'), /sign in/i);
      await authorize(tab);
      await popup.waitForText(handle('alice', server!));

      // The app was registered for the extension's own page, which the server redirected to.
      const [app] = server!.apps;
      assert.equal(server!.apps.length, 1, 'one app registration');
      assert.match(app!.redirectUris.join(' '), /^moz-extension:\/\/[0-9a-f-]+\/oauth-callback\.html$/);
      const tokenRequest = server!.requests.find((r) => r.method === 'POST' && r.path === '/oauth/token');
      assert.equal(tokenRequest?.body?.redirect_uri, app!.redirectUris[0]);
      assert.ok(String(tokenRequest?.body?.code_verifier ?? '').length >= 43, 'the code went with its PKCE verifier');

      await popup.waitFor('textbox', 'Post text');
      await assertFitsPhone(popup, 'the popup with the composer');
      await screenshot(driver, popup, 'android-360-composer');

      // A shared page's compose window, at the phone's width too.
      const pages = await startSharePages();
      try {
        await driver.openPage(pages.article);
        const compose = await driver.shareFrontPage();
        await compose.waitFor('textbox', 'Post text');
        await compose.waitForText(handle('alice', server!));
        await assertFitsPhone(compose, 'the compose window');
        await screenshot(driver, compose, 'android-360-compose');
      } finally {
        await pages.close();
      }
    },
  },
} satisfies Record<string, Scenario>;
