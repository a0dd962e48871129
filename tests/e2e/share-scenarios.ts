import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solidPng } from '../fake-mastodon/png.ts';
import type { ClickedTab, ContextMenuClick, Driver } from './drivers/types.ts';
import { connect, handle, screenshot, type Scenario } from './harness.ts';

const PAGE_URL = 'https://news.example/a?utm_source=x';
const SELECTION: ContextMenuClick = { menuItemId: 'share:selection', selectionText: 'Quoted words', pageUrl: PAGE_URL };
const TAB: ClickedTab = { id: 7, title: 'A page', url: PAGE_URL };
/** The default share template filled in: the selection quoted, the title, the URL without utm_source. */
const SHARED_TEXT = '“Quoted words”\n\nA page\nhttps://news.example/a';

/**
 * A page's image server that answers CORS (the extension has no host permissions: without
 * it the image is shared as its link) and holds the first request for 4 s, long enough for
 * the background to be stopped while it waits.
 */
async function startSlowImage() {
  let count = 0;
  const png = solidPng(8, 8, [40, 120, 200]);
  const server = createServer((req, res) => {
    count += 1;
    const answer = () => res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(png);
    if (count === 1) setTimeout(answer, 4000);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/photo.png`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

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

  shareImageBackgroundStopped: {
    title: 'the background stopped while a shared image was on its way: the window fetches it again, and it posts once',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      const images = await startSlowImage();
      try {
        const opened = driver.waitForWindow(`${driver.extensionOrigin}/compose.html?draft=share-`);
        await driver.clickContextMenu({ menuItemId: 'share:image', srcUrl: images.url, pageUrl: PAGE_URL }, TAB);
        const compose = await opened;
        await compose.waitForText('Fetching the image');
        await driver.stopBackground();
        await compose.waitForText('Ready', 20_000);
        assert.equal(images.requests(), 2, 'fetched again after the restart');
        await compose.click('Post');
        await compose.waitFor('button', 'Post anyway');
        await compose.click('Post anyway');
        await compose.waitFor('link', 'View post');
        assert.equal(server!.statuses.length, 1);
        assert.equal(server!.statuses[0]!.media_attachments.length, 1);
      } finally {
        await images.close();
      }
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
