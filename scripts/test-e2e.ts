/**
 * npm run test:e2e: the real-browser tests of the built extension (tests/e2e/*.e2e.ts)
 * in Chromium and Firefox, on node's own test runner. Builds the extension unless a
 * build newer than its sources exists. Ends with the line `N passed, N failed, N skipped`.
 *
 * A browser that is not installed has its tests reported as skipped, and the run fails
 * unless the person opted out with FEDIPOST_SKIP_BROWSERS=1; under CI=true a missing
 * browser always fails the run (and the opt-out is ignored).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { browserSkipReason, browsersOptedOut, INSTALL_HINT, SKIP_BROWSERS_VARIABLE, type BrowserName } from './support/browsers.ts';
import { ensureBuilt } from './support/build.ts';
import { seconds } from './support/exec.ts';
import { ARTIFACTS, OUTPUT_DIR, ROOT, type Target } from './support/paths.ts';

const E2E = join(ROOT, 'tests/e2e');
/** The limit for any one test or hook that sets none itself (the scenarios allow 60 s). */
const RUN_TIMEOUT_MS = 120_000;

const browsers: Array<{ name: BrowserName; target: Target; file: string; skip: string | null }> = [
  { name: 'Chromium', target: 'chrome', file: 'chromium.e2e.ts', skip: browserSkipReason('Chromium') },
  // The e2e build: the product build plus the hook standing in for a right-click.
  { name: 'Firefox', target: 'firefox-e2e', file: 'firefox.e2e.ts', skip: browserSkipReason('Firefox') },
];

const bar = '!'.repeat(78);
const missing = browsers.filter((b) => b.skip && !browsersOptedOut());
if (missing.length > 0) {
  const what = missing.map((b) => b.skip).join('; ');
  if (process.env.CI === 'true') {
    console.error(`✖ ${what}, and CI=true requires the real-browser tests. Install with: ${INSTALL_HINT}`);
    process.exit(1);
  }
  console.warn(`${bar}\n!! ${what}: their real-browser tests are SKIPPED and this run will FAIL.\n!! Install with: ${INSTALL_HINT}\n!! or accept running without them: ${SKIP_BROWSERS_VARIABLE}=1\n${bar}`);
} else if (browsersOptedOut()) {
  console.warn(`${bar}\n!! ${SKIP_BROWSERS_VARIABLE}=1: every real-browser test is SKIPPED.\n${bar}`);
}

const started = performance.now();
try {
  for (const browser of browsers) if (!browser.skip) await ensureBuilt(browser.target);
  // The test hooks exist only in the e2e build: no file of the builds that ship may carry them.
  for (const target of ['chrome', 'firefox'] as const) {
    const dir = await ensureBuilt(target);
    const carrying = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.(js|html)$/.test(file) && readFileSync(join(dir, file), 'utf8').includes('fedipostE2E'),
    );
    if (carrying.length > 0) throw new Error(`${OUTPUT_DIR[target]} carries the e2e test hooks (${carrying.join(', ')})`);
  }
  // Firefox's file also runs the Android path, on the build without the identity API. The
  // hiding exists only there: the Firefox build that ships still signs in with launchWebAuthFlow.
  if (!browsers.find((b) => b.name === 'Firefox')?.skip) {
    const uses = (target: Target) => readFileSync(join(OUTPUT_DIR[target], 'background.js'), 'utf8').includes('launchWebAuthFlow');
    await ensureBuilt('firefox-android');
    if (uses('firefox-android')) throw new Error(`${OUTPUT_DIR['firefox-android']} still reaches the identity API`);
    if (!uses('firefox')) throw new Error(`${OUTPUT_DIR.firefox} has lost the identity API: the e2e-android hiding is in the shipped build`);
  }
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
// Each browser's run writes what axe-core audited; stale reports must not count.
for (const browser of ['chromium', 'firefox']) rmSync(join(ARTIFACTS, `axe-${browser}.json`), { force: true });

// A browser's file runs even when it is skipped: its tests are then reported (and counted) as skipped.
const files = browsers.map((b) => join(E2E, b.file));
let passed = 0;
let failed = 0;
let skipped = 0;
const stream = run({ files, concurrency: 1, timeout: RUN_TIMEOUT_MS });
// Suites report too, but only tests (and files that crashed before their tests ran) count.
stream.on('test:pass', (event) => {
  if (event.details.type === 'suite') return;
  if (event.skip || event.todo) skipped++;
  else passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++;
});
// Drained here rather than piped, so that the summary below comes after the report.
for await (const chunk of stream.compose(spec)) process.stdout.write(chunk);

interface Audit {
  state: string;
  scheme: string;
  violations: number;
}
for (const browser of ['chromium', 'firefox']) {
  const report = join(ARTIFACTS, `axe-${browser}.json`);
  if (!existsSync(report)) continue;
  const audits = JSON.parse(readFileSync(report, 'utf8')) as Audit[];
  const states = new Set(audits.map((a) => a.state)).size;
  const schemes = [...new Set(audits.map((a) => a.scheme))].join(' + ');
  const violations = audits.reduce((sum, a) => sum + a.violations, 0);
  console.log(`axe-core in ${browser}: ${audits.length} audits of ${states} screens and states (${schemes}), ${violations} violations`);
}
console.log(`\nReal-browser tests took ${seconds(performance.now() - started)}.`);
const problems: string[] = [];
if (failed > 0) problems.push(`${failed} real-browser tests failed`);
if (missing.length > 0) {
  problems.push(`${skipped} real-browser tests skipped (${missing.map((b) => b.skip).join('; ')}); set ${SKIP_BROWSERS_VARIABLE}=1 to accept that`);
}
// Nothing ran although nothing was meant to be skipped: a broken runner must not pass.
if (passed === 0 && !browsersOptedOut() && missing.length === 0) problems.push('no real-browser test ran');
for (const problem of problems) console.error(`✖ ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = problems.length > 0 ? 1 : 0;
