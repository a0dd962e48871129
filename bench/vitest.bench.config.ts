import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Runs only the measurements that need lib/ (its `@/` imports and WXT's fake browser):
 * `npm run bench` starts it; `npm test` never sees these files.
 */
export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  plugins: [WxtVitest()],
  test: {
    include: ['bench/**/*.measure.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
  },
});
