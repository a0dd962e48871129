import { launchChromium, snapshotExtension, tempDir } from './support/browsers.ts';
const dir = tempDir('probe');
const { context, extensionId } = await launchChromium({ extensionDir: snapshotExtension('/work/wt-everyone/.output/chrome-mv3', dir.path), userDataDir: dir.path + '/p', headless: true, locale: process.argv[2] });
try {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForTimeout(500);
  console.log(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir, navigator.language, document.body.innerText.slice(0, 200)]));
  const box = await page.getByRole('button').first().boundingBox();
  console.log(box);
  await page.screenshot({ path: `/tmp/popup-${process.argv[2]}.png` });
} finally { await context.close(); dir.remove(); }
