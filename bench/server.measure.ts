import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { connect } from '@/lib/connect/flow';
import { startFakeMastodon, type FakeMastodon, type LoggedRequest } from '../tests/fake-mastodon/index';
import { composerHarness, settled } from '../tests/integration/composer-harness';
import { connectHarness } from '../tests/integration/connect-harness';
import type { ConnectRequests, ServerMeasurements } from './server-measurements';

const SIGN_IN_PAGE = '/oauth/authorize';
const UPLOAD_DELAY_MS = 300;
const IMAGES = ['a.png', 'b.png', 'c.png', 'd.png'];
const UPLOAD_RUNS = 3;

const out = process.env.BENCH_OUT;
if (!out) throw new Error('BENCH_OUT is not set: run these through npm run bench');

const measured: Partial<ServerMeasurements> = {};
const uploadRuns: ServerMeasurements['uploads']['runs'] = [];

let server: FakeMastodon;
beforeEach(async () => {
  server = await startFakeMastodon();
});
afterEach(async () => {
  await server.close();
});
afterAll(() => {
  measured.uploads = { images: IMAGES.length, serverDelayMs: UPLOAD_DELAY_MS, runs: uploadRuns };
  writeFileSync(out, JSON.stringify(measured));
});

// Node's fetch sends no CORS preflights, so these are the requests a browser makes
// minus its OPTIONS ones.
function split(requests: readonly LoggedRequest[]): ConnectRequests {
  const lines = (list: readonly LoggedRequest[]) => list.map((r) => `${r.method} ${r.path}${r.status >= 400 ? ` (${r.status})` : ''}`);
  return {
    extension: lines(requests.filter((r) => r.path !== SIGN_IN_PAGE)),
    signInWindow: lines(requests.filter((r) => r.path === SIGN_IN_PAGE)),
  };
}

it('connect: fresh, then a second account with the registration cached', async () => {
  expect(await connectHarness().service.start({ input: server.origin })).toMatchObject({ state: 'done' });
  measured.freshConnect = split(server.requests);
  server.clearLog();
  expect(await connectHarness({ username: 'bob' }).service.start({ input: server.origin })).toMatchObject({ state: 'done' });
  measured.cachedConnect = split(server.requests);
});

it('connect with the cached app deleted on the server (self-healing sign-in)', async () => {
  expect(await connectHarness().service.start({ input: server.origin })).toMatchObject({ state: 'done' });
  server.deleteApps();
  server.clearLog();
  const h = connectHarness({ username: 'bob' });
  expect(await h.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
  measured.healedConnect = { ...split(server.requests), windows: h.launchAuthFlow.mock.calls.length };
});

it('5 concurrent connects to one instance', async () => {
  const usernames = ['u1', 'u2', 'u3', 'u4', 'u5'];
  // connect() itself, as the concurrency test does: one connect service allows one flow at a time.
  const results = await Promise.all(usernames.map((username) => connect(connectHarness({ username }).deps, { input: server.origin })));
  expect(results.map((r) => r.state)).toEqual(usernames.map(() => 'done'));
  measured.concurrentConnects = { connects: usernames.length, appRegistrations: server.count('POST', '/api/v1/apps') };
});

for (let run = 1; run <= UPLOAD_RUNS; run++) {
  it(`uploads, run ${run}: ${IMAGES.length} images in parallel vs one after another`, async () => {
    server.setFault('POST /api/v2/media', { delayMs: UPLOAD_DELAY_MS });
    const { composer, file } = await composerHarness(server);
    // Loads the instance's limits first, so the first timed upload does not pay for them.
    await composer.getComposer('popup');

    let serialMs = 0;
    for (const name of IMAGES) {
      const started = performance.now();
      await composer.addMedia('popup', await file(name));
      const draft = await settled(composer);
      serialMs += performance.now() - started;
      expect(draft.media.map((m) => m.state)).toEqual(['ready']);
      await composer.removeMedia('popup', draft.media[0]!.localId);
    }

    const started = performance.now();
    await Promise.all(IMAGES.map(async (name) => composer.addMedia('popup', await file(name))));
    const draft = await settled(composer);
    const parallelMs = performance.now() - started;
    expect(draft.media.map((m) => m.state)).toEqual(IMAGES.map(() => 'ready'));
    uploadRuns.push({ parallelMs, serialMs });
  });
}
