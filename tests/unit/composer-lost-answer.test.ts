import { describe, expect, it } from 'vitest';
import { createAccountStore } from '@/lib/accounts';
import { memoryBlobStore } from '@/lib/composer/blob-store';
import { emptyDraft, type Draft, type DraftMap } from '@/lib/composer/draft';
import { createInstanceCache, type InstanceCacheMap } from '@/lib/composer/instance-limits';
import { findCopies, outcomeUnknown, type CopyWindow } from '@/lib/composer/post';
import type { PostedMap } from '@/lib/composer/posted';
import { createComposerService } from '@/lib/composer/service';
import type { UndoMap } from '@/lib/composer/undo-store';
import { CLIENT_NAME } from '@/lib/fedipost-app';
import { MastodonError, type MastodonErrorKind } from '@/lib/mastodon/errors';
import { memoryValue } from '@/lib/stored-value';
import { stubFetch, type StubAnswer } from '../helpers/stub-fetch';
import { storedAccount } from '../helpers/stored-account';

/*
 * The two rules that keep a lost answer from becoming a lost or doubled post, each on its
 * own (tests/integration/composer.test.ts and dialects.test.ts check them against the test
 * server):
 * - a network failure, a timeout or a 5xx means the post may have gone out;
 * - after such an attempt, the account's newest posts (or, for a scheduled post, its
 *   scheduled posts) are searched for it before posting again.
 */
const origin = 'https://x.social';
const account = storedAccount('a', origin, { serverId: '42' });
const ATTEMPT = Date.parse('2026-11-30T10:00:00Z');
const MINUTE = 60_000;

const unconfirmed = (patch: Partial<Draft> = {}): Draft => ({
  ...emptyDraft('key-1', account.id, 0),
  text: 'Tom & Jerry <3\nsecond line',
  unconfirmedSince: ATTEMPT,
  ...patch,
});

const status = (patch: Record<string, unknown> = {}) => ({
  id: '9',
  url: `${origin}/@a/9`,
  content: '<p>Tom &amp; Jerry &lt;3<br />second line</p>',
  spoiler_text: '',
  created_at: new Date(ATTEMPT + 1000).toISOString(),
  application: { name: CLIENT_NAME, website: null },
  ...patch,
});

function lookup(statuses: unknown[], scheduled: unknown[] = []) {
  const stub = stubFetch({
    'GET /api/v1/accounts/42/statuses': { json: statuses },
    'GET /api/v1/scheduled_statuses': { json: scheduled },
  });
  const find = (draft: Draft, window: CopyWindow = { attemptSince: draft.unconfirmedSince! }) => findCopies({ origin, fetch: stub.fetch }, account, draft, window);
  return { find, calls: stub.calls };
}

describe('the lost-answer check', () => {
  it('finds the post among the account’s newest: same text (from its HTML), same warning, made after the attempt', async () => {
    const { find, calls } = lookup([status({ id: '10', content: '<p>other</p>' }), status()]);
    expect(await find(unconfirmed())).toEqual([{ id: '9', url: `${origin}/@a/9`, scheduled: false, scheduledAt: null }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${account.token}`);
  });

  it('asks for the newest twenty posts of the account by its server id', async () => {
    const stub = stubFetch({ 'GET /api/v1/accounts/42/statuses': { json: [] } });
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      seen.push(new Request(input, init).url);
      return stub.fetch(input, init);
    };
    await findCopies({ origin, fetch }, account, unconfirmed(), { attemptSince: ATTEMPT });
    expect(seen).toEqual([`${origin}/api/v1/accounts/42/statuses?limit=20`]);
  });

  it('finds every copy, oldest first (the server lists newest first)', async () => {
    const { find } = lookup([status({ id: '11' }), status({ id: '10', content: '<p>other</p>' }), status({ id: '9' })]);
    expect((await find(unconfirmed())).map((copy) => copy.id)).toEqual(['9', '11']);
  });

  it('a scheduled post is looked for among the scheduled posts only, by the text it was given', async () => {
    const at = new Date(ATTEMPT + 60 * MINUTE).toISOString();
    const { find, calls } = lookup(
      [status()],
      [
        { id: 's3', scheduled_at: at, params: { text: 'Tom & Jerry <3\nsecond line' } },
        { id: 's2', scheduled_at: at, params: { text: 'something else' } },
        { id: 's1', scheduled_at: at, params: { text: 'Tom & Jerry <3\nsecond line' } },
      ],
    );
    expect(await find(unconfirmed({ scheduledAt: at }))).toEqual([
      { id: 's1', url: null, scheduled: true, scheduledAt: at },
      { id: 's3', url: null, scheduled: true, scheduledAt: at },
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/scheduled_statuses']);
  });

  it('a scheduled post of media alone is found though the server keeps no text for it', async () => {
    const at = new Date(ATTEMPT + 60 * MINUTE).toISOString();
    const { find } = lookup([], [{ id: 's1', scheduled_at: at, params: { text: null } }, { id: 's2', scheduled_at: at, params: { text: 'words' } }]);
    expect(await find(unconfirmed({ text: '', scheduledAt: at }))).toEqual([{ id: 's1', url: null, scheduled: true, scheduledAt: at }]);
  });

  it('ignores white-space differences the server makes', async () => {
    const { find } = lookup([status({ content: '<p>Tom &amp; Jerry &lt;3  <br/>second line </p>' })]);
    expect(await find(unconfirmed({ text: ' Tom & Jerry <3\n\nsecond   line' }))).toMatchObject([{ id: '9' }]);
  });

  it('does not take a post with other text for it', async () => {
    const { find } = lookup([status({ content: '<p>Tom &amp; Jerry &lt;3<br />second lines</p>' })]);
    expect(await find(unconfirmed())).toEqual([]);
  });

  it('compares the content warning only when it is switched on', async () => {
    const warned = lookup([status({ spoiler_text: 'cw' })]);
    expect(await warned.find(unconfirmed({ spoilerText: 'cw' }))).toEqual([]);
    expect(await warned.find(unconfirmed({ spoilerText: 'cw', spoilerEnabled: true }))).toMatchObject([{ id: '9' }]);
    expect(await lookup([status()]).find(unconfirmed({ spoilerText: 'cw', spoilerEnabled: true }))).toEqual([]);
  });

  it('allows two minutes of clock difference, no more', async () => {
    const at = (offset: number) => lookup([status({ created_at: new Date(ATTEMPT + offset).toISOString() })]).find(unconfirmed());
    expect(await at(-2 * MINUTE)).toMatchObject([{ id: '9' }]);
    expect(await at(-2 * MINUTE - 1000)).toEqual([]);
  });

  it('takes a post whose time cannot be read on its text alone', async () => {
    const { find } = lookup([status({ created_at: 'yesterday-ish' })]);
    expect(await find(unconfirmed())).toMatchObject([{ id: '9' }]);
  });

  it('takes posts by Fedipost or by an app the server does not name, never those of another app', async () => {
    const { find } = lookup([status({ id: '12', application: { name: 'Elk' } }), status({ id: '11', application: null }), status()]);
    expect((await find(unconfirmed())).map((copy) => copy.id)).toEqual(['9', '11']);
  });

  it('around an answered post: only copies within 30 s of it, and one whose time cannot be read is none', async () => {
    const answered = new Date(ATTEMPT).toISOString();
    const at = (offset: number) => status({ id: String(offset), created_at: new Date(ATTEMPT + offset).toISOString() });
    const { find } = lookup([at(31_000), at(30_000), at(-30_000), at(-31_000), status({ id: 'x', created_at: 'yesterday-ish' })]);
    expect((await find(unconfirmed(), { around: answered })).map((copy) => copy.id)).toEqual(['-30000', '30000']);
  });
});

describe('when the post may have gone out', () => {
  const error = (kind: MastodonErrorKind, status?: number) => new MastodonError({ kind, status, endpoint: 'POST /api/v1/statuses' });

  it.each([
    ['no answer (network)', true, error('network')],
    ['a timeout', true, error('timeout')],
    ['HTTP 500', true, error('http', 500)],
    ['HTTP 502 from a proxy', true, error('http', 502)],
    ['HTTP 503', true, error('http', 503)],
    ['HTTP 599', true, error('http', 599)],
    ['HTTP 499', false, error('http', 499)],
    ['HTTP 422', false, error('http', 422)],
    ['HTTP 429', false, error('http', 429)],
    ['HTTP 401', false, error('http', 401)],
    ['an HTTP error without a status', false, error('http')],
    ['an answer too large to read', true, error('too-large', 200)],
    ['a 200 that is not JSON (the post was most likely taken)', true, error('not-json', 200)],
    ['a 200 that is not a status', true, error('shape', 200)],
    ['a 404 page that is not JSON', false, error('not-json', 404)],
    ['a non-JSON answer without a status', false, error('not-json')],
    ['something else entirely', false, new Error('boom')],
  ])('%s → may have posted: %s', (_name, unknown, failure) => {
    expect(outcomeUnknown(failure)).toBe(unknown);
  });
});

describe('the composer marks an attempt unconfirmed only when it may have posted', () => {
  async function attempt(answer: StubAnswer) {
    const drafts = memoryValue<DraftMap>({ popup: { ...emptyDraft('key-1', account.id, 0), text: 'hello' } });
    const { fetch, calls } = stubFetch({ 'POST /api/v1/statuses': answer, 'GET /api/v1/accounts/42/statuses': { json: [] } });
    const composer = createComposerService({
      drafts,
      accounts: createAccountStore(memoryValue({ accounts: [account], defaultAccountId: account.id })),
      instances: createInstanceCache(memoryValue<InstanceCacheMap>({}), fetch),
      files: memoryBlobStore(),
      fetch,
      uploads: () => Promise.reject(new Error('no uploads in these tests')),
      posted: memoryValue<PostedMap>({}),
      undo: memoryValue<UndoMap>({}),
      newId: () => 'new-id',
      now: () => ATTEMPT,
      uiLanguage: () => 'en',
      broadcast: () => {},
    });
    const outcome = await composer.post('popup');
    return { outcome, draft: (await drafts.getValue()).popup!, calls, composer };
  }

  it('a 502: the draft stays, marked unconfirmed since the attempt, and the retry looks first', async () => {
    const { outcome, draft, calls, composer } = await attempt({ status: 502, json: { error: 'Bad gateway' } });
    expect(outcome).toEqual({ ok: false, error: { code: 'server-error', status: 502 } });
    expect(draft).toMatchObject({ text: 'hello', unconfirmedSince: ATTEMPT, idempotencyKey: 'key-1' });
    // The first attempt had nothing unconfirmed to look for.
    expect(calls.filter((c) => c.path.endsWith('/statuses')).map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v1/statuses']);
    calls.length = 0;
    await composer.post('popup');
    const posting = calls.filter((c) => c.path.endsWith('/statuses'));
    expect(posting.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/accounts/42/statuses', 'POST /api/v1/statuses']);
    expect(posting[1]!.headers.get('idempotency-key')).toBe('key-1');
  });

  it('no answer at all: marked unconfirmed too', async () => {
    const { draft } = await attempt(new TypeError('fetch failed'));
    expect(draft.unconfirmedSince).toBe(ATTEMPT);
  });

  it('a 422: refused for sure, so not marked', async () => {
    const { outcome, draft } = await attempt({ status: 422, json: { error: 'Validation failed: Text can’t be blank' } });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'rejected', status: 422 } });
    expect(draft.unconfirmedSince).toBeNull();
  });
});
