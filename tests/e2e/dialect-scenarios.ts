import assert from 'node:assert/strict';
import type { DialectName } from '../fake-mastodon/index.ts';
import { connect, handle, screenshot, type Scenario } from './harness.ts';

/**
 * Other server families, in a real browser: connect through their sign-in pages, post,
 * disconnect on the options page and connect again (snac-like servers delete the app on
 * revoke; GoToSocial can't verify an app token; Hollo signs in by e-mail first).
 */
function connectPostReconnect(dialect: DialectName): Scenario {
  return {
    title: `${dialect} dialect: connect, post, disconnect and connect again`,
    servers: 1,
    dialect,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      const text = `Hello from Fedipost on a ${dialect} server`;
      await popup.type('Post text', text);
      await popup.click('Post');
      await popup.waitFor('link', 'View post');
      assert.equal(server!.statuses.length, 1, 'one status');
      assert.equal(server!.statuses[0]!.text, text, 'the words arrived as typed');
      await screenshot(driver, popup, `${dialect}-posted`);
      await popup.close();

      const account = handle('alice', server!).slice(1);
      const options = await driver.openOptions();
      await options.click('Disconnect');
      await options.click(`Disconnect @${account}`);
      await options.waitForText(`Disconnected @${account}.`);
      await options.close();

      const again = await driver.openPopup();
      await connect(driver, again, server!);
      assert.equal(server!.statuses.length, 1, 'reconnecting posted nothing');
    },
  };
}

export const dialectScenarios = Object.fromEntries(
  (['gotosocial', 'hollo', 'pleroma'] as const).map((dialect) => [dialect, connectPostReconnect(dialect)]),
) satisfies Record<string, Scenario>;
