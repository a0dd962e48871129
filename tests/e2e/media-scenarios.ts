import assert from 'node:assert/strict';
import { mkdirSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../scripts/support/browsers.ts';
import type { ChromiumDriver, Driver, PageLike } from './drivers/types.ts';
import { connect, onlyStatus, postWithoutAltText, screenshot, type Scenario } from './harness.ts';

const MB = 1024 * 1024;
const ARTIFACTS = join(import.meta.dirname, 'artifacts');

/** Writes a video-sized file of `size` bytes (written in pieces: never all in memory), runs `body` with its path. */
async function withFile(fileName: string, size: number, body: (path: string) => Promise<void>) {
  const dir = tempDir('media');
  try {
    const path = join(dir.path, fileName);
    const fd = openSync(path, 'w');
    const piece = Buffer.alloc(MB, 7);
    for (let left = size; left > 0; left -= piece.length) writeSync(fd, piece, 0, Math.min(piece.length, left));
    closeSync(fd);
    await body(path);
  } finally {
    dir.remove();
  }
}

/**
 * The driver, where it can read the background's heap: Chromium's, through the DevTools
 * protocol. Firefox's WebDriver BiDi has no memory reading, and its background is an
 * event page (with the popup and every extension page in one process), so there is no
 * figure for the background alone: in Firefox the big uploads run and are checked, their
 * memory is not.
 */
const heapReader = (driver: Driver): ChromiumDriver | null => ('backgroundHeap' in driver ? (driver as ChromiumDriver) : null);

/** Samples the background's heap every 200 ms until stopped; the peak of each. */
function sampleHeap(driver: ChromiumDriver) {
  const peak = { serviceWorker: 0, offscreen: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const heap = await driver.backgroundHeap().catch(() => null);
      if (heap) {
        peak.serviceWorker = Math.max(peak.serviceWorker, heap.serviceWorker);
        peak.offscreen = Math.max(peak.offscreen, heap.offscreen ?? 0);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

/** Figures for the closing note of the big-media work, kept with the screenshots. */
function record(driver: Driver, name: string, figures: Record<string, number>) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${driver.browser}-${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.info(`${driver.browser} ${name}: ${JSON.stringify(figures)}`);
}

/** Waits until the composer shows a percentage above 0 for the upload under way. */
async function uploadUnderWay(page: PageLike) {
  await page.waitForText('%', 20_000);
}

const until = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Big files, in both browsers. Their memory is read in Chromium only (see heapReader):
 * the uploads themselves, their progress, their speed and what reaches the server are
 * checked in Firefox too.
 */
export const bigMediaScenarios = {
  throttledUpload: {
    title: 'a 40 MB video over a 4 MB/s line uploads with a live percentage, and posts once',
    servers: 1,
    run: (driver, [server]) =>
      withFile('holiday.mp4', 40 * MB, async (path) => {
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        server!.setFault('POST /api/v2/media', { throttleBytesPerSecond: 4 * MB });
        await popup.type('Post text', 'Holiday, in full');
        const started = performance.now();
        const reader = heapReader(driver);
        const heap = reader && sampleHeap(reader);
        await popup.chooseFiles('Add media', [path]);
        await uploadUnderWay(popup);
        await screenshot(driver, popup, 'upload-progress');
        await popup.waitFor('button', 'Cancel upload of holiday.mp4');
        await popup.waitForText('Ready', 40_000);
        const seconds = (performance.now() - started) / 1000;
        const peak = await heap?.();
        const status = await postWithoutAltText(popup, server!);
        assert.deepEqual(status.media_attachments.map((m) => m.type), ['video']);
        assert.equal(server!.media[0]!.size, 40 * MB);
        assert.ok(seconds > 9, `40 MB at 4 MB/s took ${seconds.toFixed(1)} s: the throttle held`);
        record(driver, 'throttled-upload', {
          megabytes: 40,
          megabytesPerSecond: 4,
          seconds: Number(seconds.toFixed(1)),
          ...(peak && { peakServiceWorkerHeap: peak.serviceWorker, peakOffscreenHeap: peak.offscreen }),
        });
      }),
  },

  biggestUpload: {
    title: "the largest video the instance takes (video_size_limit − 1 byte) posts, and (where the browser can tell) the background's memory stays small",
    servers: 1,
    run: async (driver, [server]) => {
      const size = server!.limits.videoSizeLimit - 1;
      await withFile('biggest.mp4', size, async (path) => {
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        const reader = heapReader(driver);
        const before = await reader?.backgroundHeap();
        const heap = reader && sampleHeap(reader);
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText('Ready', 50_000);
        const peak = await heap?.();
        const status = await postWithoutAltText(popup, server!);
        assert.deepEqual(status.media_attachments.map((m) => m.type), ['video']);
        assert.equal(server!.media[0]!.size, size);
        // The file never passes through the worker: its heap must not grow by anything like the file.
        if (peak) assert.ok(peak.serviceWorker < 32 * MB, `service worker heap peaked at ${peak.serviceWorker} bytes`);
        record(driver, 'biggest-upload', {
          bytes: size,
          ...(before && peak && { serviceWorkerHeapBefore: before.serviceWorker, peakServiceWorkerHeap: peak.serviceWorker, peakOffscreenHeap: peak.offscreen }),
        });
      });
    },
  },
} satisfies Record<string, Scenario>;

/**
 * A background that the browser stops mid-work: Chrome stops its service worker, Firefox
 * suspends its event page (see Driver.stopBackground). Both browsers.
 */
export const backgroundStopScenarios = {
  workerStoppedMidUpload: {
    title: 'the background stopped during an upload: the composer offers Retry, keeps the text, and posts once',
    servers: 1,
    run: (driver, [server]) =>
      withFile('clip.mp4', 12 * MB, async (path) => {
        const text = 'Posted after the worker stopped';
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        server!.setFault('POST /api/v2/media', { throttleBytesPerSecond: MB, times: 1 });
        await popup.type('Post text', text);
        await popup.chooseFiles('Add media', [path]);
        await uploadUnderWay(popup);
        await driver.stopBackground();
        await popup.waitFor('button', 'Retry upload of clip.mp4', 20_000);
        await popup.waitForText('cut off');
        await screenshot(driver, popup, 'upload-interrupted');
        assert.equal(await popup.valueOf('Post text'), text, 'the text is kept');
        await popup.click('Retry upload of clip.mp4');
        await popup.waitForText('Ready', 30_000);
        const status = await postWithoutAltText(popup, server!);
        assert.equal(status.text, text);
        assert.equal(status.media_attachments.length, 1);
      }),
  },

  workerStoppedMidPost: {
    title: 'the background stopped while a post was on its way: one status, and the composer says it was posted',
    servers: 1,
    run: async (driver, [server]) => {
      const text = 'Sent just as the worker stopped';
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      // The server creates the status, then takes its time to answer: the worker dies waiting.
      server!.setFault('POST /api/v1/statuses', { afterProcessing: true, delayMs: 3000, times: 1 });
      await popup.type('Post text', text);
      await popup.click('Post');
      await until(() => server!.statuses.length === 1, 'the status to be created');
      await driver.stopBackground();
      await popup.waitFor('link', 'View post', 20_000);
      assert.equal(onlyStatus(server!).text, text);
      // The fresh draft is loaded just after "View post" shows: wait for it, as a person would see it.
      await until(async () => (await popup.valueOf('Post text')) === '', 'a fresh draft');
      await popup.close();
      // Reopened, nothing was lost or left behind.
      const again = await driver.openPopup();
      assert.equal(await again.valueOf('Post text'), '');
      assert.equal(server!.statuses.length, 1);
    },
  },

  workerStoppedBeforeStatus: {
    title: 'the background stopped before the server created the post: posted once, with the same key',
    servers: 1,
    run: async (driver, [server]) => {
      const text = 'Held up at the server as the worker stopped';
      const popup = await driver.openPopup();
      await connect(driver, popup, server!);
      server!.setFault('POST /api/v1/statuses', { delayMs: 3000, times: 1 });
      await popup.type('Post text', text);
      await popup.click('Post');
      await until(() => server!.count('POST', '/api/v1/statuses') === 1, 'the post to reach the server');
      await driver.stopBackground();
      await popup.waitFor('link', 'View post', 20_000);
      // The first request, held by the server, is answered too: the Idempotency-Key makes it the same status.
      await until(() => server!.requests.filter((r) => r.path === '/api/v1/statuses' && r.status !== 0).length >= 2, 'both requests answered');
      assert.equal(onlyStatus(server!).text, text);
    },
  },
} satisfies Record<string, Scenario>;

/**
 * An instance that redirects the upload elsewhere (a 307 or 308 keeps the method and the
 * body): XMLHttpRequest follows redirects by itself, so this runs in both browsers, each
 * with its own upload context (Chrome's offscreen document, Firefox's background page).
 */
export const uploadRedirectScenarios = {
  uploadRedirected: {
    title: 'an upload redirected to another origin (307, then 308): nothing reaches it, the composer says why, and Retry posts once',
    servers: 2,
    run: (driver, [server, elsewhere]) =>
      withFile('clip.mp4', 2 * MB, async (path) => {
        const text = 'Not to be sent elsewhere';
        const popup = await driver.openPopup();
        await connect(driver, popup, server!);
        await popup.type('Post text', text);
        const redirectedText = 'the server tried to send it somewhere else';
        server!.setFault('POST /api/v2/media', { redirectTo: `${elsewhere!.origin}/api/v2/media`, status: 307, times: 1 });
        await popup.chooseFiles('Add media', [path]);
        await popup.waitForText(redirectedText, 20_000);
        await screenshot(driver, popup, 'upload-redirected');
        server!.setFault('POST /api/v2/media', { redirectTo: `${elsewhere!.origin}/api/v2/media`, status: 308, times: 1 });
        await popup.click('Retry upload of clip.mp4');
        await until(() => server!.count('POST', '/api/v2/media') === 2, 'the second upload');
        await popup.waitForText(redirectedText, 20_000);
        // Not the file, not the token, not even a preflight: the other origin heard nothing.
        assert.deepEqual(elsewhere!.requests, []);
        assert.equal(await popup.valueOf('Post text'), text, 'the text is kept');
        await popup.click('Retry upload of clip.mp4');
        await popup.waitForText('Ready', 30_000);
        const status = await postWithoutAltText(popup, server!);
        assert.equal(status.media_attachments.length, 1);
        assert.equal(server!.media[0]!.size, 2 * MB);
        assert.deepEqual(elsewhere!.requests, []);
      }),
  },
} satisfies Record<string, Scenario>;
