import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exec, seconds } from './exec.ts';
import { BUILD_SCRIPT, OUTPUT_DIR, ROOT, type Target } from './paths.ts';

/** Everything the extension build reads; a build older than any of these is stale. */
const BUILD_INPUTS = [
  'entrypoints',
  'components',
  'lib',
  'utils',
  'public',
  'assets',
  'wxt.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildFresh(target: Target): boolean {
  const manifest = join(OUTPUT_DIR[target], 'manifest.json');
  if (!existsSync(manifest)) return false;
  const built = statSync(manifest).mtimeMs;
  return BUILD_INPUTS.map((p) => join(ROOT, p))
    .filter((p) => existsSync(p))
    .every((p) => newestMtime(p) <= built);
}

/** Builds the extension for `target` unless an existing build is newer than its sources. */
export async function ensureBuilt(target: Target): Promise<string> {
  if (isBuildFresh(target)) {
    console.log(`Reusing the ${target} build in ${OUTPUT_DIR[target]} (newer than its sources).`);
    return OUTPUT_DIR[target];
  }
  console.log(`Building the ${target} extension (npm run ${BUILD_SCRIPT[target]})…`);
  const result = await exec('npm', ['run', '--silent', BUILD_SCRIPT[target]]);
  if (result.code !== 0) throw new Error(`npm run ${BUILD_SCRIPT[target]} failed (exit ${result.code})`);
  console.log(`Built ${target} in ${seconds(result.ms)}.`);
  return OUTPUT_DIR[target];
}
