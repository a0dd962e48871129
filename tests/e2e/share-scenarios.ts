import assert from 'node:assert/strict';
import type { ClickedTab, ContextMenuClick, Driver } from './drivers/types.ts';
import { connect, handle, screenshot, type Scenario } from './harness.ts';

const PAGE_URL = 'https://news.example/a?utm_source=x';
const SELECTION: ContextMenuClick = { menuItemId: 'share:selection', selectionText: 'Quoted words', pageUrl: PAGE_URL };
const TAB: ClickedTab = { id: 7, title: 'A page', url: PAGE_URL };
/** The default share template filled in: the selection quoted, the title, the URL without utm_source. */
const SHARED_TEXT = '“Quoted words”\n\nA page\nhttps://news.example/a';

/** Right-clicks "Share selection to Mastodon" and returns the compose window it opens. */
async function shareSelection(driver: Driver) {
  const opened = driver.waitForWindow(`${driver.extensionOrigin}/compose.html?draft=share-`);
  await driver.clickContextMenu(SELECTION, TAB);
  return opened;
}

/** Sharing from the context menu into the compose window (see Driver.clickContextMenu for how a click is made). */
export const shareScenarios = {
  shareSelection: {
    title: 'sharing a selection opens the compose window with the filled-in template, and it posts',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);

      const compose = await shareSelection(driver);
      assert.equal(await compose.valueOf('Post text'), SHARED_TEXT);
      await compose.waitForText(handle('alice', server!));
      await screenshot(driver, compose, 'share-window');

      await compose.click('Post');
      await compose.waitFor('link', 'View post');
      assert.deepEqual(server!.statuses.map((s) => s.text), [SHARED_TEXT]);
    },
  },

  shareWithoutAccount: {
    title: 'sharing with no account connected: the compose window connects, then shows the shared text',
    servers: 1,
    run: async (driver, [server]) => {
      const compose = await shareSelection(driver);
      await compose.waitFor('textbox', 'Instance');
      await connect(driver, compose, server!);

      assert.equal(await compose.valueOf('Post text'), SHARED_TEXT);
      await compose.click('Post');
      await compose.waitFor('link', 'View post');
      assert.deepEqual(
        server!.statuses.map((s) => [s.account.username, s.text]),
        [['alice', SHARED_TEXT]],
      );
    },
  },

  shareBrowserPage: {
    title: 'sharing a browser page opens a window that says it cannot be shared',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);

      const opened = driver.waitForWindow(`${driver.extensionOrigin}/compose.html?problem=not-shareable`);
      // A page of the browser's own, in each browser's scheme.
      const settings = driver.browser === 'firefox' ? 'about:preferences' : 'chrome://settings/';
      await driver.clickContextMenu({ menuItemId: 'share:page', pageUrl: settings }, { id: 7, title: 'Settings', url: settings });
      const compose = await opened;
      assert.match(await compose.waitForRole('alert'), /nothing here Fedipost can share/);
      assert.equal(await compose.isShown('textbox', 'Post text'), false, 'no composer');
      await screenshot(driver, compose, 'share-not-shareable');
    },
  },
} satisfies Record<string, Scenario>;
