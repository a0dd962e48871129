import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../../../scripts/lib/paths.ts';

export function saveArtifact(fileName: string, data: Buffer | string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, fileName);
  writeFileSync(path, data);
  return path;
}

/** The message of a wait that timed out, with what the person would see instead. */
export function notShownError(what: string, timeoutMs: number, shown: string): Error {
  const text = shown.replace(/\s+/g, ' ').trim();
  return new Error(`${what} was not shown within ${timeoutMs} ms; the page shows: ${JSON.stringify(text.slice(0, 600))}`);
}

/**
 * Runs in the page: what a person can read there, its visible text plus the choices of
 * its drop-down lists (Chromium's innerText includes those, Firefox's does not).
 */
export function shownText(): string {
  const choices = [...document.querySelectorAll('select')]
    .filter((select) => select.checkVisibility())
    .flatMap((select) => [...select.options].map((option) => option.text));
  return [document.body.innerText, ...choices].join('\n');
}

const POLL_MS = 100;

/** Polls the page's shown text until it contains `text`; the error quotes what was shown instead. */
export async function waitForShownText(read: () => Promise<string>, text: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let shown = '';
  for (;;) {
    // A page that is navigating has no text for a moment: keep polling.
    shown = await read().catch(() => shown);
    if (shown.includes(text)) return;
    if (performance.now() > deadline) throw notShownError(JSON.stringify(text), timeoutMs, shown);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
