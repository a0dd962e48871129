import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'node_modules/.bin');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

export type Target = 'chrome' | 'firefox';

/** Where `npm run build` / `npm run build:firefox` put the unpacked extension. */
export const OUTPUT_DIR: Record<Target, string> = {
  chrome: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv3'),
};

export const BUILD_SCRIPT: Record<Target, string> = { chrome: 'build', firefox: 'build:firefox' };
