import assert from 'node:assert/strict';
import type { FakeMastodon } from '../fake-mastodon/index.ts';
import { solidPng } from '../fake-mastodon/png.ts';
import type { Driver, TestFile, ThemedPage } from './drivers/types.ts';
import { connect, onlyStatus, postWithoutAltText, screenshot, type Scenario } from './harness.ts';

/** The popup's composer at rest may be at most this tall (issue 14; it was 450 px). */
export const RESTING_HEIGHT_BUDGET_PX = 340;

const pngFile = (name: string, rgb: [number, number, number]): TestFile => ({
  name,
  type: 'image/png',
  base64: solidPng(120, 80, rgb).toString('base64'),
});

/** Connects in a fresh popup and dismisses the "connected" notice: the composer as people see it every day. */
async function restingComposer<D extends Driver>(driver: D, server: FakeMastodon): Promise<Awaited<ReturnType<D['openPopup']>>> {
  const popup = (await driver.openPopup()) as Awaited<ReturnType<D['openPopup']>>;
  await connect(driver, popup, server);
  await popup.click('Dismiss');
  return popup;
}

/** The toolbar's features, in any browser. */
export const toolbarScenarios = {
  autocompletePost: {
    title: 'a post written with an autocompleted mention, hashtag and custom emoji reaches the server word for word',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await restingComposer(driver, server!);
      await popup.type('Post text', 'Hello @alin');
      // A remote account the server knows: inserted as @user@domain.
      await popup.waitFor('option', 'Alina Elsewhere @alina@elsewhere.example');
      await popup.press('Enter');
      await popup.typeHere('and #fedip');
      await popup.waitFor('option', '#fedipost');
      await popup.press('Tab');
      await popup.typeHere('works :blobcat_h');
      await popup.waitFor('option', ':blobcat_heart:');
      await popup.choose('option', ':blobcat_heart:');
      await popup.typeHere('!');
      const expected = 'Hello @alina@elsewhere.example and #fedipost works :blobcat_heart: !';
      assert.equal(await popup.valueOf('Post text'), expected);

      await popup.click('Post');
      await popup.waitFor('link', 'View post');
      assert.equal(onlyStatus(server!).text, expected);
      const searches = server!.requests.filter((r) => r.path === '/api/v2/search');
      assert.ok(searches.length > 0 && searches.every((r) => r.query.resolve === 'false'), 'searched without resolving');
      assert.equal(server!.count('GET', '/api/v1/custom_emojis'), 1, 'the emoji list is asked for once');
    },
  },

  dropImage: {
    title: 'an image dropped onto the text box is attached and posted; Post asks once about its alt text',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await restingComposer(driver, server!);
      await popup.type('Post text', 'Dropped in.');
      await popup.dropFiles('Post text', [pngFile('dropped.png', [200, 120, 30])]);
      await popup.waitFor('textbox', 'Alt text for dropped.png');
      await popup.waitForText('Ready');

      const status = await postWithoutAltText(popup, server!);
      assert.equal(status.text, 'Dropped in.');
      assert.equal(status.media_attachments.length, 1);
      assert.equal(server!.media.length, 1, 'one upload');
    },
  },

  pasteAndDropImages: {
    title: 'an image pasted into the text box and one dropped onto it are attached and posted; Post asks once about alt text',
    servers: 1,
    // Firefox pastes through the real clipboard, which a headless Firefox keeps text-only.
    launch: { clipboard: true },
    run: async (driver, [server]) => {
      const popup = await restingComposer(driver, server!);
      await popup.type('Post text', 'Pasted and dropped.');
      const pasted = await popup.pasteImage('Post text', pngFile('pasted.png', [30, 120, 200]));
      await popup.waitFor('textbox', `Alt text for ${pasted}`);
      await popup.dropFiles('Post text', [pngFile('dropped.png', [200, 120, 30])]);
      await popup.waitFor('textbox', 'Alt text for dropped.png');
      await popup.type(`Alt text for ${pasted}`, 'A blue rectangle');
      await popup.waitForText('Ready');

      const status = await postWithoutAltText(popup, server!);
      assert.equal(status.text, 'Pasted and dropped.');
      assert.deepEqual(
        status.media_attachments.map((m) => m.description ?? ''),
        ['A blue rectangle', ''],
      );
      assert.equal(server!.media.length, 2, 'two uploads');
    },
  },

  quickSchedule: {
    title: 'a post scheduled with "In 1 hour" lands in the scheduled list an hour ahead',
    servers: 1,
    run: async (driver, [server]) => {
      const popup = await restingComposer(driver, server!);
      await popup.type('Post text', 'See you in an hour.');
      await popup.click('Schedule');
      const before = Date.now();
      await popup.choose('menuitem', 'In 1 hour');
      await popup.click('Post');
      await popup.waitForText('Scheduled for');
      assert.equal(server!.statuses.length, 0, 'not posted now');
      assert.equal(server!.scheduledStatuses.length, 1);
      const scheduled = server!.scheduledStatuses[0]!;
      const ahead = Date.parse(scheduled.scheduled_at) - before;
      assert.ok(ahead >= 59 * 60_000 && ahead <= 61 * 60_000, `scheduled ${ahead / 60_000} minutes ahead`);
      assert.equal(scheduled.params.text, 'See you in an hour.');
    },
  },
} satisfies Record<string, Scenario>;

/**
 * The popup's composer at rest, measured, and photographed at rest, with a menu open and
 * with suggestions open: in light and dark where the browser switches an open page's
 * scheme (Chromium), else in the scheme the browser was started with (Firefox runs it in
 * a light and in a dark browser, see restingLooksDark).
 */
export const restingHeightAndLooks: Scenario = {
  title: `the popup's composer at rest is at most ${RESTING_HEIGHT_BUDGET_PX} px tall; screenshots at rest, with a menu and with suggestions`,
  servers: 1,
  run: async (driver, [server]) => {
    const popup = await restingComposer(driver, server!);
    const height = await popup.contentHeight();
    console.log(`${driver.browser} popup resting height: ${height} px (budget ${RESTING_HEIGHT_BUDGET_PX} px)`);
    assert.ok(height <= RESTING_HEIGHT_BUDGET_PX, `the resting popup is ${height} px tall`);
    const themed = 'emulateColorScheme' in popup ? (popup as ThemedPage) : null;
    for (const scheme of themed ? (['light', 'dark'] as const) : [driver.colorScheme]) {
      await themed?.emulateColorScheme(scheme);
      await screenshot(driver, popup, `composer-rest-${scheme}`);
      await popup.click('Visibility');
      await popup.waitFor('menuitemradio', 'Followers');
      await screenshot(driver, popup, `composer-visibility-menu-${scheme}`);
      await popup.press('Escape');
      await popup.type('Post text', 'Hello @al');
      await popup.waitFor('option', 'Alina Elsewhere @alina@elsewhere.example');
      await screenshot(driver, popup, `composer-autocomplete-${scheme}`);
      await popup.press('Escape');
      await popup.type('Post text', '');
    }
  },
};

/**
 * In German, Post is "Veröffentlichen", twice as wide as in English: the tools keep their
 * one row, the counter and Post move together under them, at the end, and the composer
 * stays within its height. Chromium only: Firefox honours another UI language only with
 * Debian's language pack for it (.ci/run installs Arabic's, for the right-to-left scenario).
 */
export const restingInGerman: Scenario = {
  title: 'in German the composer at rest keeps its tools on one row, with the counter and "Veröffentlichen" under them',
  servers: 1,
  launch: { locale: 'de' },
  run: async (driver, [server]) => {
    const popup = await driver.openPopup();
    await connect(driver, popup, server!, { labels: { instance: 'Server', button: 'Verbinden' } });
    await popup.click('Schließen');
    await popup.waitFor('textbox', 'Beitragstext');
    const firstTool = await popup.box('button', 'Medien hinzufügen');
    const lastTool = await popup.box('button', 'Planen');
    const post = await popup.box('button', 'Veröffentlichen');
    assert.equal(lastTool.y, firstTool.y, 'the tools are on one row');
    assert.ok(post.y >= lastTool.y + lastTool.height, `Post is under the tools (Post at y ${post.y}, the tools end at ${lastTool.y + lastTool.height})`);
    assert.ok(post.x > lastTool.x, 'Post sits at the end of its row');
    const height = await popup.contentHeight();
    console.log(`${driver.browser} popup resting height in German: ${height} px (budget ${RESTING_HEIGHT_BUDGET_PX} px)`);
    assert.ok(height <= RESTING_HEIGHT_BUDGET_PX, `the resting popup is ${height} px tall in German`);
    assert.equal((await popup.fit(0)).overflow, 0, 'nothing sticks out sideways');
    await screenshot(driver, popup, 'composer-rest-de');
  },
};

/** The same in a browser started in dark mode: Firefox cannot switch the scheme of an open page. */
export const restingLooksDark: Scenario = {
  ...restingHeightAndLooks,
  title: `${restingHeightAndLooks.title}, in a dark-mode browser`,
  launch: { colorScheme: 'dark' },
};
