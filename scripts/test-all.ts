/**
 * npm test: every check this project has, one after the other, stopping at the first
 * failure: types, vitest (unit, component, integration), both builds, Firefox lint,
 * real-browser tests. Prints each step's duration and ends with `N passed, N failed, N skipped`,
 * the test counts of vitest and the real-browser tests added up. Real-browser tests that
 * could not run (browser missing) count as skipped and fail the run unless
 * FEDIPOST_SKIP_BROWSERS=1 says that is wanted (see scripts/test-e2e.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, seconds } from './support/exec.ts';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface StepResult {
  ok: boolean;
  /** Why it failed, in words a person can act on. */
  problem?: string;
  counts?: Counts;
}

const closingLine = ({ passed, failed, skipped }: Counts) => `${passed} passed, ${failed} failed, ${skipped} skipped`;

const scratch = mkdtempSync(join(tmpdir(), 'fedipost-test-all-'));

async function command(args: string[], problem: string): Promise<StepResult> {
  const [bin, ...rest] = args;
  const { code } = await exec(bin!, rest);
  return code === 0 ? { ok: true } : { ok: false, problem: `${problem} (exit ${code})` };
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

async function vitest(): Promise<StepResult> {
  const report = join(scratch, 'vitest.json');
  const { code } = await exec('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let json: VitestJson;
  try {
    json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  } catch {
    return { ok: false, problem: `vitest did not finish (exit ${code}): see its output above` };
  }
  const counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
  if (code !== 0 || counts.failed > 0) {
    return { ok: false, counts, problem: `vitest: ${counts.failed} failed (exit ${code})` };
  }
  return { ok: true, counts };
}

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

interface LintJson {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

async function firefoxLint(): Promise<StepResult> {
  const { code, stdout } = await exec('npm', ['run', '--silent', 'lint:firefox', '--', '--output=json'], { quietStdout: true });
  let lint: LintJson;
  try {
    lint = JSON.parse(stdout) as LintJson;
  } catch {
    console.log(stdout);
    return { ok: false, problem: `web-ext lint gave no report (exit ${code})` };
  }
  const { errors, warnings, notices } = lint.summary;
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  for (const [kind, list] of [['error', lint.errors], ['warning', lint.warnings], ['notice', lint.notices]] as const) {
    for (const m of list) console.log(`  ${kind} ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`);
  }
  return errors === 0 ? { ok: true } : { ok: false, problem: `the Firefox build has ${errors} lint errors` };
}

async function e2e(): Promise<StepResult> {
  const { code, stdout } = await exec('node', ['scripts/test-e2e.ts']);
  const summary = [...stdout.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)].at(-1);
  const counts = summary ? { passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3]) } : undefined;
  if (code !== 0) return { ok: false, counts, problem: `real-browser tests failed (exit ${code})` };
  return { ok: true, counts };
}

const steps: Array<{ name: string; run(): Promise<StepResult> }> = [
  { name: 'typecheck (tsc --noEmit)', run: () => command(['tsc', '--noEmit'], 'TypeScript found type errors') },
  { name: 'vitest (unit, component, integration)', run: vitest },
  { name: 'build chrome', run: () => command(['npm', 'run', '--silent', 'build'], 'the Chrome build failed') },
  { name: 'build firefox', run: () => command(['npm', 'run', '--silent', 'build:firefox'], 'the Firefox build failed') },
  { name: 'Firefox lint (web-ext)', run: firefoxLint },
  { name: 'real-browser tests (Chromium, Firefox)', run: e2e },
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const done: string[] = [];
const started = performance.now();
let failure: string | null = null;

for (const step of steps) {
  console.log(`\n━━ ${step.name}`);
  const stepStarted = performance.now();
  const result = await step.run().catch((error: unknown): StepResult => ({ ok: false, problem: String(error) }));
  const took = seconds(performance.now() - stepStarted);
  if (result.counts) {
    total.passed += result.counts.passed;
    total.failed += result.counts.failed;
    total.skipped += result.counts.skipped;
  }
  const counted = result.counts ? `  ${closingLine(result.counts)}` : '';
  done.push(`${result.ok ? '✔' : '✖'} ${step.name.padEnd(42)} ${took.padStart(8)}${counted}`);
  console.log(`━━ ${step.name}: ${result.ok ? 'ok' : 'FAILED'} in ${took}`);
  if (!result.ok) {
    failure = `${step.name}: ${result.problem ?? 'failed'}`;
    // A step without test counts (types, build, lint) still makes the closing line
    // show a failure rather than "0 failed".
    if (!result.counts?.failed) total.failed += 1;
    break;
  }
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n━━ Summary');
for (const line of done) console.log(line);
for (const step of steps.slice(done.length)) console.log(`- ${step.name.padEnd(42)}  not run`);
console.log(`Total ${seconds(performance.now() - started)}`);
if (failure) console.error(`\n✖ Stopped at ${failure}`);
console.log(closingLine(total));
process.exitCode = failure ? 1 : 0;
