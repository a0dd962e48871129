import assert from 'node:assert/strict';
import type { Driver, PageLike, ThemedPage } from './drivers/types.ts';
import { connect, handle, screenshot, type Scenario } from './harness.ts';
import { decodePng, dominantColour } from './png.ts';

/** The brightness (0–255) of the page's background in a screenshot. */
async function background(driver: Driver, page: PageLike, name: string) {
  const [r, g, b] = dominantColour(decodePng(await screenshot(driver, page, name))).rgba;
  return (r + g + b) / 3;
}

/**
 * A light page in light mode and a dark one in dark mode. Chromium switches the scheme
 * on the open page; Firefox shows the scheme it was started with (WebDriver BiDi cannot
 * emulate media features there), so its dark page is checked by the dark audit tour.
 */
export async function assertFollowsColourScheme(driver: Driver, page: PageLike, name: string) {
  const schemes = 'emulateColorScheme' in page ? (['light', 'dark'] as const) : [driver.colorScheme];
  for (const scheme of schemes) {
    await (page as Partial<ThemedPage>).emulateColorScheme?.(scheme);
    const brightness = await background(driver, page, `${name}-${scheme}`);
    assert.ok(scheme === 'light' ? brightness > 200 : brightness < 60, `a ${scheme} ${name} page in ${scheme} mode (background ${brightness})`);
  }
}

/** The options page. */
export const optionsScenarios = {
  dropRegistration: {
    title: 'options page: a dropped app registration is gone, and the next connect registers anew',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);

      const options = await driver.openExtensionPage('options.html');
      await options.waitFor('button', 'Drop');
      const shown = await options.visibleText();
      for (const expected of [server!.host, handle('alice', server!), `https://${driver.redirectHost}/`]) {
        assert.ok(shown.includes(expected), `the registrations table shows ${expected}`);
      }
      await assertFollowsColourScheme(driver, options, 'options');

      await options.click('Drop');
      await options.click('Drop registration');
      await options.waitForText(`Dropped the app registration for ${server!.host}.`);
      await options.waitForText('No app registrations yet.');
      assert.equal(await options.isShown('button', 'Drop'), false, 'the table is gone');

      const again = await driver.openPopup();
      await again.click('Add account');
      await connect(driver, again, server!, { username: 'bob' });
      assert.equal(server!.count('POST', '/api/v1/apps'), 2, 'connecting after the drop registered the app again');
    },
  },
} satisfies Record<string, Scenario>;
