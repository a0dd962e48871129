import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { tempDir } from '../../scripts/support/browsers.ts';
import { ARTIFACTS, ROOT } from '../../scripts/support/paths.ts';
import { solidPng } from '../fake-mastodon/png.ts';
import { connect, screenshot, type Scenario } from './harness.ts';
import { decodePng } from './png.ts';

/** The size both stores ask for. */
const STORE = { width: 1280, height: 800 };
/**
 * `npm run store:screenshots` writes them into store/screenshots (committed); every other
 * run makes and checks them among the test artifacts, so a test run leaves the tree clean.
 */
const OUT = process.env.FEDIPOST_STORE_SCREENSHOTS === '1' ? join(ROOT, 'store/screenshots') : join(ARTIFACTS, 'store');

/**
 * A store image of the popup: the real screenshot, at its real size, on the extension's
 * accent colour with a one-line caption (the popup is 360 px wide; a store image is 1280).
 */
function stage(popup: Buffer, caption: string): Buffer {
  const { width, height } = decodePng(popup);
  const scale = Math.min(1, 680 / height);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${STORE.width}" height="${STORE.height}">
  <rect width="100%" height="100%" fill="#563acc"/>
  <text x="80" y="380" font-family="DejaVu Sans, sans-serif" font-size="44" font-weight="bold" fill="#ffffff">${caption}</text>
  <rect x="${STORE.width - w - 120}" y="${(STORE.height - h) / 2}" width="${w}" height="${h}" rx="12" fill="#ffffff"/>
  <image x="${STORE.width - w - 120}" y="${(STORE.height - h) / 2}" width="${w}" height="${h}" xlink:href="data:image/png;base64,${popup.toString('base64')}"/>
</svg>`;
  return new Resvg(svg).render().asPng();
}

function save(file: string, png: Buffer) {
  const { width, height } = decodePng(png);
  assert.deepEqual([width, height], [STORE.width, STORE.height], `${file} is ${STORE.width}×${STORE.height}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, file), png);
}

/** The listing's screenshots (store/screenshots/<browser>-*.png): each store gets its own browser's. */
export const storeScenarios = {
  screenshots: {
    title: 'store screenshots (1280×800): the composer with an image, and the settings',
    servers: 1,
    run: async (driver, [server]) => {
      const dir = tempDir('store');
      try {
        const path = join(dir.path, 'harbour.png');
        writeFileSync(path, solidPng(320, 200, [40, 110, 160]));
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        await popup.check('Content warning');
        await popup.type('Content warning text', 'Boats');
        await popup.type('Post text', 'Morning light on the harbour. Shared from the page I was reading, without leaving it.');
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForRole('status', /^Ready$/);
        await popup.type('Alt text for harbour.png', 'Fishing boats at their moorings at dawn');
        save(`${driver.browser}-1-composer.png`, stage(await screenshot(driver, popup, 'store-composer'), 'Post from any page'));

        const options = await driver.openExtensionPage('options.html', STORE);
        await options.waitFor('button', 'Drop');
        save(`${driver.browser}-2-settings.png`, await screenshot(driver, options, 'store-settings', { fullPage: false }));
      } finally {
        dir.remove();
      }
    },
  },
} satisfies Record<string, Scenario>;
