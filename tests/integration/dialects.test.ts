import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remainingCharacters, checkDraft } from '@/lib/composer/rules';
import { DIALECT_NAMES, type DialectName } from '../fake-mastodon/types';
import { startFakeMastodon, type FakeMastodon } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';

/**
 * Every flow against every dialect of the test server: connect → post at the limit → a
 * content warning → local-only and Markdown where offered → disconnect → connect again →
 * a lost answer. Each test records the figure it measured (printed as a table at the end).
 */
const figures: Record<string, Record<string, string>> = {};
const record = (dialect: DialectName, flow: string, figure: string) => {
  figures[dialect] = { ...figures[dialect], [flow]: figure };
};

afterAll(() => {
  const flows = [
    'connect',
    'counter at the limit',
    'image',
    'CW',
    'local-only / Markdown',
    'revoked token',
    'disconnect → connect',
    'deleted registration',
    'lost answer → copies left',
  ];
  const rows = Object.entries(figures).map(([dialect, row]) => `| ${dialect} | ${flows.map((f) => row[f] ?? '—').join(' | ')} |`);
  console.log(['| dialect | ' + flows.join(' | ') + ' |', '|---'.repeat(flows.length + 1) + '|', ...rows].join('\n'));
});

const popup = 'popup' as const;
/** An emoji with joiners, a long URL and a remote mention: where the families count differently. */
const TRICKY = `👨‍👩‍👧 https://example.com/${'x'.repeat(40)} @bob@remote.example `;

describe.each(DIALECT_NAMES)('the %s dialect', (dialect) => {
  let server: FakeMastodon;
  beforeEach(async () => {
    server = await startFakeMastodon({ dialect });
  });
  afterEach(async () => {
    await server.close();
  });

  it('connects: the sign-in window opens once and the account is stored', async () => {
    const { connection, composer } = await composerHarness(server);
    expect(connection.launchAuthFlow).toHaveBeenCalledTimes(1);
    const state = await composer.getComposer(popup);
    expect(state.account?.id).toBe(`alice@${server.host}`);
    record(dialect, 'connect', `✓ 1 window, ${server.requests.length} requests, profile ${state.server.family}`);
  });

  it('posts at the limit as the server counts, and never enables Post one over it', async () => {
    const { composer, connection } = await composerHarness(server);
    const { limits, server: profile } = await composer.getComposer(popup);
    const left = remainingCharacters({ text: TRICKY, spoilerEnabled: false, spoilerText: '' }, limits, profile.counting);
    const atLimit = TRICKY + 'a'.repeat(left);
    await composer.updateDraft(popup, { text: atLimit });
    const state = await composer.getComposer(popup);
    expect(remainingCharacters(state.draft, limits, profile.counting)).toBe(0);
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    expect(server.statuses.at(-1)?.text).toBe(atLimit.trim());

    // One over: the counter refuses; asked directly, a server that checks refuses too.
    const over = { ...state.draft, text: atLimit + 'a' };
    expect(checkDraft(over, limits, Date.now(), profile.counting)).toContainEqual({ code: 'too-long', over: 1 });
    const [account] = (await connection.accounts.read()).accounts;
    const direct = await fetch(`${server.origin}/api/v1/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${account!.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: over.text }),
    });
    record(
      dialect,
      'counter at the limit',
      `limit ${limits.maxCharacters}: at it posted (${profile.counting.unit}s); one over refused by the counter, server said ${direct.status}`,
    );
  });

  it('posts an image, polling only after a 202', async () => {
    const { composer, file } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'A cat' });
    await composer.addMedia(popup, await file());
    expect((await settled(composer)).media[0]).toMatchObject({ state: 'ready' });
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    expect(server.statuses.at(-1)?.media_attachments).toHaveLength(1);
    const polls = server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/')).length;
    const instant = server.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/media')?.status === 200;
    if (instant) expect(polls).toBe(0);
    record(dialect, 'image', `✓ upload ${instant ? '200, no polls' : `202, ${polls} poll(s)`}`);
  });

  it('posts a content warning as a content warning', async () => {
    const { composer } = await composerHarness(server);
    await composer.updateDraft(popup, { text: 'Spoilers ahead', spoilerEnabled: true, spoilerText: 'Film ending' });
    expect(await composer.post(popup)).toMatchObject({ ok: true });
    const status = server.statuses.at(-1)!;
    expect(status).toMatchObject({ spoiler_text: 'Film ending', sensitive: true });
    record(dialect, 'CW', `✓ spoiler_text kept, sensitive ${status.sensitive}`);
  });

  it('offers local-only and Markdown only where the server has them, and they take effect', async () => {
    const { composer } = await composerHarness(server);
    const { server: profile } = await composer.getComposer(popup);
    const offered: string[] = [];
    if (profile.localOnly !== null) {
      await composer.updateDraft(popup, { text: 'Just for my server', localOnly: true });
      expect(await composer.post(popup)).toMatchObject({ ok: true });
      const status = server.statuses.at(-1)!;
      if (profile.localOnly === 'flag') expect(status.local_only).toBe(true);
      else expect(status.visibility).toBe('local');
      offered.push(profile.localOnly === 'flag' ? 'local_only ✓' : 'visibility=local ✓');
    }
    if (profile.contentTypes.includes('text/markdown')) {
      await composer.updateDraft(popup, { text: 'Some **bold** words', contentType: 'text/markdown' });
      expect(await composer.post(popup)).toMatchObject({ ok: true });
      const status = server.statuses.at(-1)!;
      expect(status).toMatchObject({ content_type: 'text/markdown', content: expect.stringContaining('<strong>bold</strong>') });
      offered.push('Markdown ✓');
    }
    if (profile.mutualsOnly) {
      await composer.updateDraft(popup, { text: 'Friends only', visibility: 'mutuals_only' });
      expect(await composer.post(popup)).toMatchObject({ ok: true });
      expect(server.statuses.at(-1)?.visibility).toBe('mutuals_only');
      offered.push('mutuals_only ✓');
    }
    const expectedOffers: Record<DialectName, number> = { mastodon: 0, gotosocial: 3, pleroma: 2, hollo: 0, minimal: 0 };
    expect(offered).toHaveLength(expectedOffers[dialect]);
    record(dialect, 'local-only / Markdown', offered.length > 0 ? offered.join(', ') : 'not offered (none shown)');
  });

  it('disconnects and connects again without a dead end', async () => {
    const { connection } = await composerHarness(server);
    const [account] = (await connection.accounts.read()).accounts;
    expect(await connection.admin.disconnect(account!.id)).toEqual({ revoked: true });
    const cachedAfterDisconnect = (await connection.registrations.list()).length;
    // snac deletes the app on revoke: its registration must not be reused.
    expect(cachedAfterDisconnect).toBe(dialect === 'minimal' ? 0 : 1);
    expect(await connection.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    expect(connection.launchAuthFlow).toHaveBeenCalledTimes(2);
    record(
      dialect,
      'disconnect → connect',
      `✓ revoked; registration ${cachedAfterDisconnect === 0 ? 'dropped' : 'kept'}; 1 new window, ${server.apps.length} app(s) on server`,
    );
  });

  it('reads a revoked token for what it is, whatever status and body the server uses', async () => {
    const { composer } = await composerHarness(server);
    server.revokeAllTokens();
    await composer.updateDraft(popup, { text: 'After a password change' });
    expect(await composer.post(popup)).toEqual({ ok: false, error: { code: 'unauthorized', accountId: `alice@${server.host}` } });
    const answer = server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses').at(-1)?.status;
    record(dialect, 'revoked token', `HTTP ${answer} → "reconnect", draft kept`);
  });

  it('heals a registration the server deleted: one new window, nothing for the person to do', async () => {
    const { connection } = await composerHarness(server);
    server.deleteApps();
    expect(await connection.service.start({ input: server.origin })).toMatchObject({ state: 'done' });
    // The registration was proven a moment ago, so the sign-in window opens on it, ends on the
    // server's error page (each dialect's own), and ONE new window follows on a new registration.
    const windows = connection.launchAuthFlow.mock.calls.length - 1;
    expect(windows).toBe(2);
    expect(server.apps).toHaveLength(1);
    const errorPage = server.requests.find((r) => r.path === '/oauth/authorize' && r.status >= 400)?.status;
    record(dialect, 'deleted registration', `✓ dead window (HTTP ${errorPage}) → re-registered → 1 new window, connected`);
  });

  it('after a lost answer (and the browser re-sending the POST), leaves exactly one post', async () => {
    const { composer } = await composerHarness(server);
    const text = 'Posted while the connection broke';
    await composer.updateDraft(popup, { text, spoilerEnabled: true, spoilerText: 'cw' });
    // The server did the work (three times: the browser re-sent it twice), but every answer was lost.
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, resentTimes: 2, times: 1 });
    expect(await composer.post(popup)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    const made = server.statuses.filter((s) => s.text === text).length;
    const outcome = await composer.post(popup);
    expect(outcome).toMatchObject(made > 1 ? { ok: true, removedCopies: made - 1, leftCopies: 0 } : { ok: true });
    const left = server.statuses.filter((s) => s.text === text).length;
    expect(left).toBe(1);
    expect((await composer.getComposer(popup)).draft.text).toBe('');
    record(dialect, 'lost answer → copies left', `${made} made → ${left} left${made > 1 ? ` (${made - 1} deleted, person told)` : ''}`);
  });
});

describe("the options page's server defaults", () => {
  const preferences = async () => ({
    defaultVisibility: null,
    defaultLanguage: null,
    counterStyle: 'remaining' as const,
    defaultLocalOnly: true,
    defaultFormat: 'text/markdown' as const,
    altTextReminder: true,
  });
  it.each<[DialectName, Record<string, unknown>]>([
    ['gotosocial', { local_only: true, content_type: 'text/markdown' }],
    ['pleroma', { visibility: 'local', content_type: 'text/markdown' }],
    ['mastodon', { visibility: 'public' }],
  ])('apply on %s where it offers them, and are left out where not', async (dialect, expected) => {
    const server = await startFakeMastodon({ dialect });
    try {
      const { composer } = await composerHarness(server, 'alice', preferences);
      await composer.updateDraft(popup, { text: 'Some **news**' });
      expect(await composer.post(popup)).toMatchObject({ ok: true });
      expect(server.statuses[0]).toMatchObject(expected);
      if (dialect === 'mastodon') expect(server.statuses[0]).not.toHaveProperty('content_type');
    } finally {
      await server.close();
    }
  });
});

describe('a scheduled post whose answer was lost', () => {
  it('is found among the scheduled posts, and its extra copies deleted', async () => {
    const server = await startFakeMastodon({ idempotency: false });
    try {
      const { composer } = await composerHarness(server);
      const scheduledAt = new Date(Date.now() + 60 * 60_000).toISOString();
      await composer.updateDraft(popup, { text: 'Later, once', scheduledAt });
      server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, resentTimes: 2, times: 1 });
      expect(await composer.post(popup)).toMatchObject({ ok: false, error: { code: 'unreachable' } });
      expect(server.scheduledStatuses).toHaveLength(3);
      const outcome = await composer.post(popup);
      expect(outcome).toMatchObject({ ok: true, scheduledAt: server.scheduledStatuses[0]?.scheduled_at, removedCopies: 2, leftCopies: 0 });
      expect(server.scheduledStatuses).toHaveLength(1);
      expect(server.count('GET', '/api/v1/scheduled_statuses')).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('a server that makes something else of the post', () => {
  it('Hollo reading a form body: the empty public post is deleted, the draft kept, the person told', async () => {
    const server = await startFakeMastodon({ dialect: 'hollo' });
    try {
      const { composer, connection } = await composerHarness(server);
      const [account] = (await connection.accounts.read()).accounts;
      // What Fedipost used to send: the same post, form-encoded.
      const direct = await fetch(`${server.origin}/api/v1/statuses`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${account!.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ status: 'My words', visibility: 'private', spoiler_text: 'cw' }),
      });
      expect(await direct.json()).toMatchObject({ content: '', visibility: 'public', spoiler_text: '' });
      // Fedipost sends JSON, which Hollo reads.
      await composer.updateDraft(popup, { text: 'My words', visibility: 'private' });
      expect(await composer.post(popup)).toMatchObject({ ok: true });
      expect(server.statuses.at(-1)).toMatchObject({ text: 'My words', visibility: 'private' });
    } finally {
      await server.close();
    }
  });

  it('a created status that lacks the text is deleted and the draft kept', async () => {
    const server = await startFakeMastodon({ dialect: 'hollo' });
    try {
      // A proxy on the way that turns the JSON body into a form body, as Fedipost once sent it.
      const formOnly: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (url.pathname === '/api/v1/statuses' && init?.method === 'POST' && typeof init.body === 'string') {
          const body = new URLSearchParams(JSON.parse(init.body) as Record<string, string>);
          return fetch(input, { ...init, body, headers: { ...(init.headers as Record<string, string>), 'Content-Type': 'application/x-www-form-urlencoded' } });
        }
        return fetch(input, init);
      };
      const { composer } = await composerHarness(server, 'alice', undefined, formOnly);
      await composer.updateDraft(popup, { text: 'My words', visibility: 'private' });
      expect(await composer.post(popup)).toEqual({
        ok: false,
        error: { code: 'server-altered', differences: ['text', 'visibility'], deleted: true },
      });
      expect(server.statuses).toHaveLength(0);
      expect((await composer.getComposer(popup)).draft.text).toBe('My words');
    } finally {
      await server.close();
    }
  });
});
