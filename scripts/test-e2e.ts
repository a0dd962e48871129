/**
 * npm run test:e2e: the real-browser tests of the built extension (tests/e2e/*.e2e.ts)
 * in Chromium and Firefox, on node's own test runner. Builds the extension unless a
 * build newer than its sources exists. Ends with the line `N passed, N failed`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { findChromium, findFirefox, INSTALL_HINT } from './support/browsers.ts';
import { ensureBuilt } from './support/build.ts';
import { seconds } from './support/exec.ts';
import { ARTIFACTS, OUTPUT_DIR, ROOT, type Target } from './support/paths.ts';

const E2E = join(ROOT, 'tests/e2e');
/** The limit for any one test or hook that sets none itself (the scenarios allow 60 s). */
const RUN_TIMEOUT_MS = 120_000;

const browsers: Array<{ name: string; found: string | null; pathVariable: string; target: Target; file: string }> = [
  { name: 'Chromium', found: findChromium(), pathVariable: 'CHROMIUM_PATH', target: 'chrome', file: 'chromium.e2e.ts' },
  // The e2e build: the product build plus the hook standing in for a right-click.
  { name: 'Firefox', found: findFirefox(), pathVariable: 'FIREFOX_PATH', target: 'firefox-e2e', file: 'firefox.e2e.ts' },
];

const missing = browsers.filter((b) => !b.found);
if (missing.length > 0) {
  const names = missing.map((b) => b.name).join(' and ');
  const where = missing
    .filter((b) => process.env[b.pathVariable])
    .map((b) => ` (${b.pathVariable}=${process.env[b.pathVariable]} is not an executable)`)
    .join('');
  if (process.env.CI === 'true') {
    console.error(`✖ ${names} not installed${where}, and CI=true requires the real-browser tests. Install with: ${INSTALL_HINT}`);
    process.exit(1);
  }
  const bar = '!'.repeat(78);
  console.warn(`${bar}\n!! ${names} not installed${where}: SKIPPING ${names}'s real-browser tests.\n!! Install with: ${INSTALL_HINT}\n${bar}`);
}
const present = browsers.filter((b) => b.found);

const started = performance.now();
try {
  for (const browser of present) await ensureBuilt(browser.target);
  // The test hooks exist only in the e2e build: the builds that ship must not carry them.
  for (const target of ['chrome', 'firefox'] as const) {
    const background = join(await ensureBuilt(target), 'background.js');
    if (readFileSync(background, 'utf8').includes('fedipostE2E')) throw new Error(`${OUTPUT_DIR[target]} carries the e2e test hooks`);
  }
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
// Each browser's run writes what axe-core audited; stale reports must not count.
for (const browser of ['chromium', 'firefox']) rmSync(join(ARTIFACTS, `axe-${browser}.json`), { force: true });

const files = ['blank-check.e2e.ts', ...present.map((b) => b.file)].map((file) => join(E2E, file));
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
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
