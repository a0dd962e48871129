/**
 * npm run bench: sizes, request counts and timings (ratios) of the built extension, printed as a table and
 * written to bench/results/latest.json. Sizes are bytes, timings mostly ratios, counts
 * are requests; nothing here passes or fails on a threshold, but a step that breaks
 * (a build, a connect, an upload, the browser) fails the whole run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGETS } from '../bench/budgets.ts';
import { measureBundleSizes } from '../bench/bundle-sizes.ts';
import { measurePopup, type PopupTiming } from '../bench/popup-timing.ts';
import type { ServerMeasurements } from '../bench/server-measurements.ts';
import { measureWorkerColdStart, type WorkerColdStart } from '../bench/worker-cold-start.ts';
import { findChromium, INSTALL_HINT } from './support/browsers.ts';
import { isBuildFresh } from './support/build.ts';
import { exec, seconds } from './support/exec.ts';
import { OUTPUT_DIR, ROOT } from './support/paths.ts';

const POPUP_RUNS = 7;
const WORKER_RUNS = 7;
const RESULTS = join(ROOT, 'bench/results');
const OUTPUT = join(ROOT, '.output');

interface Row {
  name: string;
  value: number;
  unit: string;
  /** The most it may be; the table marks a row over it. */
  budget?: number;
}

const started = performance.now();
const rows: Row[] = [];
const row = (name: string, value: number, unit: string, budget?: number) => rows.push({ name, value, unit, budget });

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest rank: with 7 runs, p90 is the slowest one. */
function p90(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

function newestChromeZip(): { path: string; mtimeMs: number } | null {
  if (!existsSync(OUTPUT)) return null;
  const zips = readdirSync(OUTPUT)
    .filter((name) => name.endsWith('-chrome.zip'))
    .map((name) => ({ path: join(OUTPUT, name), mtimeMs: statSync(join(OUTPUT, name)).mtimeMs }));
  return zips.sort((a, b) => b.mtimeMs - a.mtimeMs)[0] ?? null;
}

/**
 * `wxt zip` builds and then zips (≈ 1.5 s), so it is run whenever the build or the zip
 * is stale; a zip older than the build's manifest was made before someone rebuilt.
 */
async function ensureBuiltAndZipped(): Promise<string> {
  const zip = newestChromeZip();
  const manifest = join(OUTPUT_DIR.chrome, 'manifest.json');
  if (isBuildFresh('chrome') && zip && zip.mtimeMs >= statSync(manifest).mtimeMs) {
    console.log('Reusing the Chrome build and zip in .output (newer than their sources).');
    return zip.path;
  }
  console.log('Building and zipping the Chrome extension (wxt zip)…');
  const result = await exec('wxt', ['zip'], { quietStdout: true });
  if (result.code !== 0) {
    console.log(result.stdout);
    throw new Error(`wxt zip failed (exit ${result.code})`);
  }
  return newestChromeZip()!.path;
}

async function measureAgainstServer(): Promise<ServerMeasurements> {
  const scratch = mkdtempSync(join(tmpdir(), 'fedipost-bench-'));
  try {
    const out = join(scratch, 'server.json');
    console.log('Measuring connects and uploads against the test server (vitest)…');
    const result = await exec('vitest', ['run', '--config', 'bench/vitest.bench.config.ts'], { quietStdout: true, env: { BENCH_OUT: out } });
    if (result.code !== 0) {
      console.log(result.stdout);
      throw new Error(`the server measurements failed (vitest exit ${result.code})`);
    }
    return JSON.parse(readFileSync(out, 'utf8')) as ServerMeasurements;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measurePopupIfPossible(): Promise<PopupTiming | null> {
  if (!findChromium()) {
    console.warn(`!! Chromium is not installed: skipping popup open→interactive (${INSTALL_HINT}, or set CHROMIUM_PATH).`);
    return null;
  }
  console.log(`Opening the popup in Chromium ${POPUP_RUNS} times…`);
  return measurePopup(OUTPUT_DIR.chrome, POPUP_RUNS);
}

async function measureWorkerIfPossible(): Promise<WorkerColdStart | null> {
  if (!findChromium()) {
    console.warn('!! Chromium is not installed: skipping the service worker cold start.');
    return null;
  }
  console.log(`Stopping and waking the service worker in Chromium ${WORKER_RUNS} times…`);
  return measureWorkerColdStart(OUTPUT_DIR.chrome, WORKER_RUNS);
}

try {
  const zip = await ensureBuiltAndZipped();

  const sizes = measureBundleSizes(OUTPUT_DIR.chrome);
  const { popup: popupSize, compose: composeSize } = sizes;
  const total = (w: { js: number; css: number }) => w.js + w.css;
  row(`popup at rest: JS (${popupSize.files.filter((f) => f.endsWith('.js')).length} files)`, popupSize.js, 'B gzip');
  row('popup at rest: CSS', popupSize.css, 'B gzip');
  row('popup at rest (connected, before any tool is opened): JS + CSS', total(popupSize), 'B gzip', BUDGETS.popup);
  row('popup before the first paint: JS', popupSize.firstPaint.js, 'B gzip');
  row('popup before the first paint: JS + CSS', total(popupSize.firstPaint), 'B gzip');
  row('background JS', sizes.background.js, 'B gzip', BUDGETS.background);
  row('options page JS + CSS', total(sizes.options), 'B gzip', BUDGETS.options);
  row('compose window at rest: JS + CSS', total(composeSize), 'B gzip', BUDGETS.compose);
  for (const tool of popupSize.onDemand) row(`  on demand: ${tool.name} (${tool.files.length} file${tool.files.length === 1 ? '' : 's'})`, total(tool), 'B gzip');
  row(`popup on demand, all ${popupSize.onDemand.length} parts (each file once)`, total(popupSize.onDemandTotal), 'B gzip', BUDGETS.popupOnDemand);
  row('popup sign-up form JS + CSS (on demand)', total(popupSize.signUp), 'B gzip', BUDGETS.signUpForm);
  row('Chrome zip', statSync(zip).size, 'B');

  const server = await measureAgainstServer();
  row('fresh connect: extension requests', server.freshConnect.extension.length, 'requests');
  row('fresh connect: sign-in window requests', server.freshConnect.signInWindow.length, 'requests');
  row('cached connect: extension requests', server.cachedConnect.extension.length, 'requests');
  row('cached connect: sign-in window requests', server.cachedConnect.signInWindow.length, 'requests');
  row('cached connect, app deleted on the server: extension requests', server.healedConnect.extension.length, 'requests');
  row('cached connect, app deleted on the server: sign-in windows opened', server.healedConnect.windows, 'windows');
  row(`${server.concurrentConnects.connects} concurrent connects: POST /api/v1/apps`, server.concurrentConnects.appRegistrations, 'requests');
  const { runs } = server.uploads;
  row(
    `${server.uploads.images} uploads parallel/serial wall time (median of ${runs.length})`,
    median(runs.map((r) => r.parallelMs / r.serialMs)),
    'ratio',
  );

  const popup = await measurePopupIfPossible();
  if (popup) {
    // The size above counts what the popup loads at rest; Chromium says what it loaded.
    const counted = new Set(popupSize.files);
    const loaded = new Set(popup.connected.loadedAtRest);
    const uncounted = [...loaded].filter((file) => !counted.has(file));
    const unloaded = [...counted].filter((file) => !loaded.has(file));
    if (uncounted.length > 0 || unloaded.length > 0) {
      throw new Error(
        `the connected popup at rest loaded other files than bench/bundle-sizes.ts counts: loaded but not counted: ${uncounted.join(', ') || 'none'}; counted but not loaded: ${unloaded.join(', ') || 'none'}`,
      );
    }
    console.log(`The connected popup loaded at rest exactly the ${loaded.size} files counted for it.`);
    const cases = [
      ['no account', popup],
      ['connected', popup.connected],
    ] as const;
    for (const [name, times] of cases) {
      const runs = times.popupMs.length;
      row(`popup open→interactive (${name}), median of ${runs}`, median(times.popupMs), 'ms (machine-dependent)');
      row(`popup open→interactive (${name}), p90 of ${runs}`, p90(times.popupMs), 'ms (machine-dependent)');
      row(`static extension page (${name}), median (baseline)`, median(times.baselineMs), 'ms (machine-dependent)');
      row(`popup / baseline (${name}), medians`, median(times.popupMs) / median(times.baselineMs), 'ratio', 1.4);
      // The floor under that ratio: what any page drawn by a script pays on this machine.
      row(`one-script page / baseline (${name}), medians`, median(times.scriptedMs) / median(times.baselineMs), 'ratio');
      row(`popup / one-script page (${name}), medians`, median(times.popupMs) / median(times.scriptedMs), 'ratio');
    }
  }

  const worker = await measureWorkerIfPossible();
  if (worker) {
    row(`service worker cold start → first answer, median of ${worker.fedipostMs.length}`, median(worker.fedipostMs), 'ms (machine-dependent)');
    row('minimal worker cold start, median (baseline)', median(worker.minimalMs), 'ms (machine-dependent)');
    row('worker cold start / minimal worker, medians', median(worker.fedipostMs) / median(worker.minimalMs), 'ratio');
    row('messages lost to a worker still stopping (measured again)', worker.lostMessages, 'messages');
  }

  const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const valueWidth = Math.max(...rows.map((r) => format(r.value).length));
  const budgetWidth = Math.max('budget'.length, ...rows.map((r) => (r.budget === undefined ? 0 : format(r.budget).length)));
  const unitWidth = Math.max(...rows.map((r) => r.unit.length));
  const verdict = (r: Row) => (r.budget === undefined ? '' : r.value > r.budget ? '✖ OVER' : 'ok');
  console.log(`\n${'measure'.padEnd(nameWidth)}  ${'value'.padStart(valueWidth)}  ${'unit'.padEnd(unitWidth)}  ${'budget'.padStart(budgetWidth)}`);
  for (const r of rows) {
    const budget = r.budget === undefined ? '' : format(r.budget);
    console.log(`${r.name.padEnd(nameWidth)}  ${format(r.value).padStart(valueWidth)}  ${r.unit.padEnd(unitWidth)}  ${budget.padStart(budgetWidth)}  ${verdict(r)}`.trimEnd());
  }
  const over = rows.filter((r) => r.budget !== undefined && r.value > r.budget);
  console.log(over.length === 0 ? '\nEverything with a budget is within it.' : `\n✖ Over budget: ${over.map((r) => r.name).join('; ')}`);
  console.log(`\nfresh connect:  ${server.freshConnect.extension.join(', ')}`);
  console.log(`cached connect: ${server.cachedConnect.extension.join(', ')}`);
  console.log(`cached connect, app deleted: ${server.healedConnect.extension.join(', ')}; sign-in pages: ${server.healedConnect.signInWindow.join(', ')}`);
  console.log(`sign-in window: ${server.freshConnect.signInWindow.join(', ')} (each connect)`);
  console.log('(Node fetch sends no CORS preflights: a browser adds OPTIONS requests to these.)');
  console.log(`uploads: each POST /api/v2/media delayed ${server.uploads.serverDelayMs} ms; runs (parallel / serial ms): ${runs.map((r) => `${Math.round(r.parallelMs)} / ${Math.round(r.serialMs)}`).join(', ')}`);

  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'latest.json');
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: popup?.chromium ?? null,
    rows,
    details: { sizes, server, popup, worker },
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${file} in ${seconds(performance.now() - started)}.`);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exitCode = 1;
}
