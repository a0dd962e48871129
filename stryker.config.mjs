// @ts-check
/**
 * Mutation testing of lib/ (`npm run mutate`; one folder: `npm run mutate -- --mutate 'lib/connect/**'`).
 * Not part of `npm test`: a full run takes long on two cores. The clear-text report
 * gives the score per folder and file; reports/mutation/ holds the HTML and JSON.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: true },
  // Only the tests that cover a mutant run against it.
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant) reruns every related test file on its own;
  // on two cores that is minutes each. The scores in the closing notes leave them out too.
  ignoreStatic: true,
  mutate: ['lib/**/*.ts'],
  concurrency: 2,
  // Integration tests talk to the test server over real HTTP; a slow machine must not read as a kill.
  timeoutMS: 10000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
