import assert from 'node:assert/strict';
import type { ChromiumDriver, ThemedPage } from './drivers/types.ts';
import { connect, handle, screenshot, type Scenario } from './harness.ts';
import { decodePng, dominantColour } from './png.ts';

/** Screenshots the page in the given colour scheme; answers the brightness (0–255) of its background. */
async function backgroundIn(page: ThemedPage, scheme: 'light' | 'dark') {
  await page.emulateColorScheme(scheme);
  const [r, g, b] = dominantColour(decodePng(await screenshot(page, `options-${scheme}`))).rgba;
  return (r + g + b) / 3;
}

/** The options page (Chromium: the only driver that can switch the colour scheme). */
export const optionsScenarios = {
  dropRegistration: {
    title: 'options page: a dropped app registration is gone, and the next connect registers anew',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);

      const options = await driver.openOptions();
      await options.waitFor('button', 'Drop');
      const shown = await options.visibleText();
      for (const expected of [server!.host, handle('alice', server!), `https://${driver.redirectHost}/`]) {
        assert.ok(shown.includes(expected), `the registrations table shows ${expected}`);
      }
      const light = await backgroundIn(options, 'light');
      const dark = await backgroundIn(options, 'dark');
      assert.ok(light > 200 && dark < 60, `a light page in light mode, a dark one in dark mode (backgrounds ${light}, ${dark})`);

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
} satisfies Record<string, Scenario<ChromiumDriver>>;
