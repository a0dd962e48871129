import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'node_modules/.bin');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

/**
 * `firefox-e2e`: the Firefox build with the tests' hooks (entrypoints/background/e2e-hooks.ts);
 * `firefox-android`: the Firefox build without the identity API, as on Android (entrypoints/background/sign-in.ts).
 */
export type Target = 'chrome' | 'firefox' | 'firefox-e2e' | 'firefox-android';

/** Where `npm run build` / `build:firefox` / `build:firefox:e2e` / `build:firefox:e2e-android` put the unpacked extension. */
export const OUTPUT_DIR: Record<Target, string> = {
  chrome: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv3'),
  'firefox-e2e': join(ROOT, '.output/firefox-mv3-e2e'),
  'firefox-android': join(ROOT, '.output/firefox-mv3-e2e-android'),
};

export const BUILD_SCRIPT: Record<Target, string> = {
  chrome: 'build',
  firefox: 'build:firefox',
  'firefox-e2e': 'build:firefox:e2e',
  'firefox-android': 'build:firefox:e2e-android',
};
