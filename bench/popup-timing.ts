import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, snapshotExtension, tempDir } from '../scripts/support/browsers.ts';
import { startTripwire } from '../scripts/support/tripwire.ts';
import { POPUP_VIEWPORT } from '../tests/e2e/drivers/types.ts';

export interface PopupTiming {
  chromium: string;
  /** ms from navigation start until the "Instance" field is shown and enabled. */
  popupMs: number[];
  /** The same for a static page holding only that field: the browser's own share. */
  baselineMs: number[];
}

const LABEL = 'Instance';
/** Written into the snapshot of the build only, never into the product. */
const BASELINE_PAGE = 'bench-baseline.html';
const WINDOW_KEY = '__fedipostBenchInteractiveAt';

/**
 * Runs in every page before its own scripts: notes performance.now() (ms since the
 * navigation started) the first time an enabled, visible text field labelled `label`
 * is in the document. A MutationObserver sees it in the task that renders it, with no
 * polling delay added to the number.
 */
function noteInteractive({ label, key }: { label: string; key: string }) {
  const ready = () =>
    [...document.querySelectorAll('input')].some(
      (input) => !input.disabled && input.checkVisibility() && [...(input.labels ?? [])].some((l) => l.textContent?.trim() === label),
    );
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    (window as unknown as Record<string, number>)[key] = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function openOnce(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.waitForFunction((key) => (window as unknown as Record<string, number | undefined>)[key], WINDOW_KEY, { timeout: 10_000 });
    return (await at.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/**
 * Opens popup.html in a new tab `runs` times (no account connected, so the connect form
 * is what becomes interactive), alternating with the baseline page so that both see the
 * same machine load. One discarded round first: the first page of a fresh browser also
 * pays for starting its renderer and the extension's first storage reads.
 */
export async function measurePopup(builtDir: string, runs: number): Promise<PopupTiming> {
  const profile = tempDir('bench');
  const tripwire = await startTripwire();
  try {
    const extensionDir = snapshotExtension(builtDir, profile.path);
    writeFileSync(join(extensionDir, BASELINE_PAGE), `<!doctype html><meta charset="utf-8"><label for="i">${LABEL}</label><input id="i">`);
    const { context, extensionId } = await launchChromium({
      extensionDir,
      userDataDir: join(profile.path, 'profile'),
      headless: true,
      proxy: tripwire.hostPort,
    });
    try {
      await context.addInitScript(noteInteractive, { label: LABEL, key: WINDOW_KEY });
      const popupUrl = `chrome-extension://${extensionId}/popup.html`;
      const baselineUrl = `chrome-extension://${extensionId}/${BASELINE_PAGE}`;
      const popupMs: number[] = [];
      const baselineMs: number[] = [];
      for (let round = 0; round <= runs; round++) {
        const popup = await openOnce(context, popupUrl);
        const baseline = await openOnce(context, baselineUrl);
        if (round === 0) continue;
        popupMs.push(popup);
        baselineMs.push(baseline);
      }
      if (tripwire.attempts.length > 0) throw new Error(`Chromium tried to reach outside hosts: ${tripwire.attempts.join(', ')}`);
      return { chromium: context.browser()?.version() ?? 'unknown', popupMs, baselineMs };
    } finally {
      await context.close();
    }
  } finally {
    await tripwire.close();
    profile.remove();
  }
}
