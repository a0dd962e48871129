import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, snapshotExtension, tempDir } from '../scripts/support/browsers.ts';
import { startTripwire } from '../scripts/support/tripwire.ts';

export interface WorkerColdStart {
  /** ms from sending a message to a stopped service worker until its answer arrives. */
  fedipostMs: number[];
  /** The same for a worker that only answers: the browser's own share of a cold start. */
  minimalMs: number[];
  /** Messages Chromium lost to a worker still stopping (either extension): each such round ran again. */
  lostMessages: number;
}

/** Written into the snapshot of the build only: a page to send from, in the extension's origin. */
const SENDER_PAGE = 'bench-sender.html';
const MINIMAL_WORKER = 'bench-worker.js';

/** An extension whose worker answers every message at once, and nothing else. */
function writeMinimalExtension(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = { manifest_version: 3, name: 'Minimal worker (bench)', version: '1.0', background: { service_worker: MINIMAL_WORKER } };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, MINIMAL_WORKER), 'chrome.runtime.onMessage.addListener((_message, _sender, reply) => { reply({ res: null }); });\n');
  writeFileSync(join(dir, SENDER_PAGE), '<!doctype html><meta charset="utf-8"><title>bench</title>');
  return dir;
}

/**
 * Sends one message from `page` to its own extension's worker, timed in the page.
 * The message is Fedipost's `getState` in @webext-core/messaging's shape, the first
 * message a popup sends; the minimal worker answers anything.
 */
/** The one extension API the sender page uses (the project's types are WXT's, not @types/chrome). */
interface SenderGlobals {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

async function timeFirstAnswer(page: Page): Promise<number> {
  const { ms, answer } = await page.evaluate(async () => {
    const started = performance.now();
    const answer = await (globalThis as unknown as SenderGlobals).chrome.runtime.sendMessage({ id: 1, type: 'getState', data: undefined, timestamp: Date.now() });
    return { ms: performance.now() - started, answer };
  });
  if (!answer || typeof answer !== 'object' || !('res' in answer)) throw new Error(`the worker answered ${JSON.stringify(answer)}`);
  return ms;
}

/** How long the workers may take to stop: a loaded machine took more than 5 s once. */
const STOP_TIMEOUT_MS = 30_000;
/** Tries per measured message before a lost one fails the bench. */
const MAX_ATTEMPTS = 3;
/** A worker still running this long after the request is asked again (an event may have woken it). */
const STOP_AGAIN_MS = 1_000;

/**
 * Stops every service worker (DevTools' "Stop" in chrome://serviceworker-internals) and
 * waits until the ServiceWorker domain reports each of them stopped.
 */
async function stopWorkers(cdp: CDPSession, running: () => number): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let askedAt = Number.NEGATIVE_INFINITY;
  do {
    if (Date.now() > deadline) throw new Error(`the service workers did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
    if (Date.now() - askedAt >= STOP_AGAIN_MS) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      askedAt = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  } while (running() > 0);
}

/**
 * Chromium with the built extension and a minimal one side by side: `runs` times each,
 * alternating, stop all workers and time the first message answered. One discarded
 * round first, as for the popup.
 */
export async function measureWorkerColdStart(builtDir: string, runs: number): Promise<WorkerColdStart> {
  const profile = tempDir('bench-worker');
  const tripwire = await startTripwire();
  try {
    const extensionDir = snapshotExtension(builtDir, profile.path);
    writeFileSync(join(extensionDir, SENDER_PAGE), '<!doctype html><meta charset="utf-8"><title>bench</title>');
    const minimalDir = writeMinimalExtension(join(profile.path, 'minimal'));
    const { context, extensionId } = await launchChromium({
      extensionDir,
      alsoLoad: [minimalDir],
      userDataDir: join(profile.path, 'profile'),
      headless: true,
      proxy: tripwire.hostPort,
    });
    try {
      const minimalWorker = context.serviceWorkers().find((w) => w.url().endsWith(`/${MINIMAL_WORKER}`))!;
      const fedipost = await context.newPage();
      await fedipost.goto(`chrome-extension://${extensionId}/${SENDER_PAGE}`);
      const minimal = await context.newPage();
      await minimal.goto(`chrome-extension://${new URL(minimalWorker.url()).host}/${SENDER_PAGE}`);

      // Running workers, as the ServiceWorker domain reports them: a version replaced by a
      // newer one (redundant) is gone, whatever it last reported.
      const status = new Map<string, { running: string; redundant: boolean }>();
      const cdp = await context.newCDPSession(fedipost);
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const version of versions) status.set(version.versionId, { running: version.runningStatus, redundant: version.status === 'redundant' });
      });
      await cdp.send('ServiceWorker.enable');
      const running = () => [...status.values()].filter((s) => !s.redundant && s.running !== 'stopped').length;

      const fedipostMs: number[] = [];
      const minimalMs: number[] = [];
      let lostMessages = 0;
      /**
       * Stops the workers, then times the first answer. A message that reaches a worker
       * still stopping is lost ("Receiving end does not exist", once in about eighty here):
       * that is Chromium's race between the stop and the message, not a cold start, so the
       * stop and the message are repeated, and the loss counted.
       */
      const coldAnswer = async (page: Page): Promise<number> => {
        for (let attempt = 1; ; attempt++) {
          await stopWorkers(cdp, running);
          try {
            return await timeFirstAnswer(page);
          } catch (error) {
            if (!/Receiving end does not exist/.test(String(error)) || attempt === MAX_ATTEMPTS) throw error;
            lostMessages++;
          }
        }
      };
      for (let round = 0; round <= runs; round++) {
        const ours = await coldAnswer(fedipost);
        const theirs = await coldAnswer(minimal);
        if (round === 0) continue;
        fedipostMs.push(ours);
        minimalMs.push(theirs);
      }
      if (tripwire.attempts.length > 0) throw new Error(`Chromium tried to reach outside hosts: ${tripwire.attempts.join(', ')}`);
      return { fedipostMs, minimalMs, lostMessages };
    } finally {
      await context.close();
    }
  } finally {
    await tripwire.close();
    profile.remove();
  }
}
