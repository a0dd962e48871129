import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../scripts/support/browsers.ts';
import type { FakeMastodon } from '../fake-mastodon/index.ts';
import { solidPng } from '../fake-mastodon/png.ts';
import type { Driver, Focused, PageLike } from './drivers/types.ts';
import { audit, authorize, connect, handle, screenshot, type Scenario } from './harness.ts';
import { assertFollowsColourScheme } from './options-scenarios.ts';
import { decodePng, inkSpan } from './png.ts';

/** Writes a small PNG to attach, runs `body` with its path, and removes it afterwards. */
async function withPng(body: (path: string) => Promise<void>) {
  const dir = tempDir('a11y');
  try {
    const path = join(dir.path, 'chart.png');
    writeFileSync(path, solidPng(120, 80, [40, 120, 200]));
    await body(path);
  } finally {
    dir.remove();
  }
}

/**
 * Every screen in every state the issue lists, audited by axe-core (in both colour
 * schemes where the browser can switch, see harness.audit): popup empty, connecting,
 * error; composer with media, with a poll, with a toolbar menu open, with suggestions
 * open, over the limit; the compose window; the options page. Screens that scenarios
 * screenshot elsewhere are audited there too.
 */
async function auditTour(driver: Driver, server: FakeMastodon, suffix = '') {
  const popup = await driver.openPopup();
  await popup.waitFor('textbox', 'Instance');
  await audit(driver, popup, `popup-empty${suffix}`);

  await popup.type('Instance', server.origin);
  const signIn = driver.waitForWindow(`${server.origin}/oauth/authorize`);
  await popup.click('Connect');
  const window = await signIn;
  await popup.waitForRole('status', /sign in/i);
  await audit(driver, popup, `popup-connecting${suffix}`);
  await window.close();
  await popup.waitForRole('alert', /cancelled/i);
  await audit(driver, popup, `popup-error${suffix}`);

  await connect(driver, popup, server);
  await withPng(async (path) => {
    await popup.type('Post text', 'Numbers, drawn.');
    await popup.chooseFiles('Add media', [path]);
    await popup.waitForRole('status', /^Ready$/);
    await popup.type('Alt text for chart.png', 'A blue rectangle standing for a chart');
    await popup.check('Mark media as sensitive');
    await audit(driver, popup, `composer-media${suffix}`);
    await popup.click('Remove chart.png');
  });
  await popup.click('Add poll');
  await popup.type('Option 1', 'Yes');
  await popup.type('Option 2', 'No');
  await popup.check('Content warning');
  await popup.type('Content warning text', 'A vote');
  await audit(driver, popup, `composer-poll${suffix}`);

  // The toolbar's menus and the suggestions list open over the composer: audited open.
  await popup.click('Visibility');
  await popup.waitFor('menuitemradio', 'Followers');
  await audit(driver, popup, `composer-visibility-menu${suffix}`);
  await popup.press('Escape');
  await popup.type('Post text', 'Hello @al');
  await popup.waitFor('option', 'Alina Elsewhere @alina@elsewhere.example');
  await audit(driver, popup, `composer-autocomplete${suffix}`);
  await popup.press('Escape');

  await popup.type('Post text', 'x'.repeat(510));
  // Announced: the counter's region and the problem list are polite live regions.
  await popup.waitForRole('status', /Too long: 16 over the character limit/);
  await audit(driver, popup, `composer-over-limit${suffix}`);

  const compose = await driver.openExtensionPage('compose.html?problem=not-shareable');
  await compose.waitForRole('alert');
  await audit(driver, compose, `compose-not-shareable${suffix}`);

  const options = await driver.openExtensionPage('options.html');
  await options.waitFor('button', 'Drop');
  await assertFollowsColourScheme(driver, options, `options-tour${suffix}`);
}

/** Presses Tab (or Shift+Tab) until the focus is on `role` "name", checking on the way that every stop shows its focus ring. */
async function tabTo(page: PageLike, role: string, name: string | RegExp, { back = false, maxStops = 40 } = {}): Promise<Focused> {
  const stops: string[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await page.focused();
    stops.push(`${focused.role ?? focused.tag} ${JSON.stringify(focused.name)}`);
    if (focused.tag !== 'body') assert.ok(focused.ringVisible, `the focus on ${stops.at(-1)} is visible (${focused.ring}); Tab went: ${stops.join(' → ')}; looking for ${role} ${String(name)}`);
    if (focused.role === role && (typeof name === 'string' ? focused.name === name : name.test(focused.name))) return focused;
  }
  throw new Error(`Tab never reached ${role} "${name}"; it went through: ${stops.join(' → ')}`);
}

/** The order in which Tab visits the composer's controls, from the post text on. */
async function tabOrder(page: PageLike, count: number): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.press('Tab');
    const focused = await page.focused();
    order.push(`${focused.role} ${focused.name}`);
  }
  return order;
}

export const a11yScenarios = {
  auditTour: {
    title: 'axe-core finds no violation on any screen or state (popup, composer, compose window, options)',
    servers: 1,
    // Nine screens, each audited in two colour schemes where the browser can switch.
    timeoutMs: 120_000,
    run: (driver, [server]) => auditTour(driver, server!),
  },

  keyboardOnly: {
    title: 'keyboard only: connect, write a post with a content warning and an image with alt text, and post',
    servers: 1,
    run: (driver, [server]) =>
      withPng(async (path) => {
        const popup = await driver.openPopup();
        await popup.waitFor('textbox', 'Instance');
        // The instance field has the focus when the popup opens: type at once.
        assert.deepEqual((await popup.focused()).name, 'Instance', 'the popup opens with the focus on Instance');
        await popup.typeHere(server!.origin);
        const signIn = driver.waitForWindow(`${server!.origin}/oauth/authorize`);
        await popup.press('Enter');
        const window = await signIn;
        await tabTo(window, 'button', 'Authorize');
        await window.press('Enter');
        await popup.waitForText(handle('alice', server!));

        // The focus is in the post text once the composer is there (the "connected" notice
        // names the account a moment before): type at once.
        await popup.waitFor('textbox', 'Post text');
        const landed = await popup.focused();
        assert.equal(landed.name, 'Post text', `the focus is in the post text once connected, not on ${JSON.stringify(landed)}`);
        await popup.typeHere('A photo from the garden.');
        // After the text: the post's own settings (this server takes quote policies), then
        // the toolbar in the order it is drawn.
        const order = await tabOrder(popup, 4);
        assert.deepEqual(
          order,
          ['combobox Who can quote', 'button Add media', 'button Add poll', 'checkbox Content warning'],
          'after the text: Who can quote, then Add media, Add poll, Content warning',
        );
        await popup.press(' ');
        assert.equal(await popup.isChecked('Content warning'), true);
        // Ticking it moves the focus into the warning's text (above the post text), where the typing goes next.
        assert.equal((await popup.focused()).name, 'Content warning text', 'the focus moved to the warning text');
        await popup.typeHere('Spiders');
        await tabTo(popup, 'button', 'Add media');
        // The file dialog is the system's own window; what it hands back is the chosen file.
        await popup.chooseFilesWithKey('Enter', [path]);
        await popup.waitForText('Ready');
        // The new attachment sits between the text and the toolbar: its alt text comes before Add media.
        await tabTo(popup, 'textbox', 'Alt text for chart.png', { back: true });
        await popup.typeHere('Tomatoes on the vine');
        await tabTo(popup, 'button', 'Post');
        await screenshot(driver, popup, 'keyboard-before-post');
        await popup.press('Enter');
        await popup.waitFor('link', 'View post');
        await popup.waitForRole('status', /^Posted\./);

        assert.equal(server!.statuses.length, 1);
        const status = server!.statuses[0]!;
        assert.deepEqual([status.spoiler_text, status.text], ['Spiders', 'A photo from the garden.']);
        assert.deepEqual(status.media_attachments.map((m) => m.description), ['Tomatoes on the vine']);
      }),
  },
} satisfies Record<string, Scenario>;

/** The same tour in a browser started in dark mode: Firefox cannot switch the scheme of an open page. */
export const darkAuditTour: Scenario = {
  title: 'axe-core finds no violation on any screen or state in dark mode',
  servers: 1,
  timeoutMs: 120_000,
  launch: { colorScheme: 'dark' },
  run: (driver, [server]) => auditTour(driver, server!, '-dark'),
};

/**
 * The page's title is drawn in the right half of its row: in a left-to-right page it
 * starts at the left. (The heading element spans the row either way; the ink shows
 * where its text is.)
 */
async function assertMirrored(driver: Driver, page: PageLike, name: string, title: string) {
  const box = await page.box('heading', title);
  // Screenshots are taken at one device pixel per CSS pixel.
  const pixels = decodePng(await screenshot(driver, page, name));
  const ink = inkSpan(pixels, Math.round(box.y), Math.round(box.y + box.height));
  assert.ok(ink, `${name}: the title "${title}" is drawn`);
  assert.ok(ink.left > pixels.width / 2, `${name}: the title "${title}" sits in the right half (its ink spans x ${ink.left}–${ink.right} of ${pixels.width})`);
}

/**
 * Arabic, right to left: the pages are mirrored. Both browsers: Chromium takes its UI
 * language from --lang; Firefox from `intl.locale.requested`, which needs Debian's Arabic
 * language pack (firefox-esr-l10n-ar, which .ci/run installs) to be honoured.
 */
export const rtlScenario: Scenario = {
  title: 'in Arabic the popup, compose window and options page are right to left and mirrored',
  servers: 1,
  launch: { locale: 'ar' },
  run: async (driver, [server]) => {
    const popup = await driver.openPopup();
    const connectButton = 'اربط';
    await popup.waitFor('button', connectButton);
    const texts = await popup.visibleText();
    assert.ok(texts.includes('اربط حسابك'), 'the popup speaks Arabic');
    await assertMirrored(driver, popup, 'rtl-popup', 'Fedipost');

    await connect(driver, popup, server!, { labels: { instance: 'الخادم', button: connectButton } });
    await popup.type('نص المنشور', 'مرحبا');
    const counter = await popup.waitForRole('status');
    assert.ok(/[٠-٩]|\d/.test(counter), `the counter shows a number (${counter})`);
    await screenshot(driver, popup, 'rtl-composer');

    // The other pages, 1280 px wide.
    for (const [path, title] of [
      ['options.html', 'إعدادات Fedipost'],
      ['compose.html?problem=not-shareable', 'Fedipost'],
    ] as const) {
      const page = await driver.openExtensionPage(path, { width: 1280, height: 720 });
      await page.waitFor('heading', title);
      await assertMirrored(driver, page, `rtl-${path.replace(/\W.*$/, '')}`, title);
    }
  },
};
