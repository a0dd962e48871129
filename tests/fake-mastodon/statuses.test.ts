// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMastodon, FakeMastodonOptions } from './index.ts';
import { COUNTING_CASES } from '../counting-cases.ts';
import { bearer, request, startWithUser, userToken, type Fields } from './test-client.ts';

let server: FakeMastodon;
let token: string;

async function start(options: FakeMastodonOptions = {}): Promise<void> {
  ({ server, token } = await startWithUser(options));
}

beforeEach(() => start());
afterEach(() => server.close());

function post(fields: Fields, headers: Record<string, string> = {}, as = token): Promise<Response> {
  return request(server, 'POST', '/api/v1/statuses', as, fields, headers);
}

async function uploadMedia(type = 'image/png'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array([1])], { type }), 'f');
  const response = await fetch(`${server.origin}/api/v2/media`, { method: 'POST', headers: bearer(token), body: form });
  return ((await response.json()) as { id: string }).id;
}

async function aliceId(): Promise<string> {
  const response = await request(server, 'GET', '/api/v1/accounts/verify_credentials', token);
  return ((await response.json()) as { id: string }).id;
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('POST /api/v1/statuses', () => {
  it('creates a Status from a form and records it', async () => {
    const response = await post({ status: 'Hello <world> & "friends"\n\nSecond\nline', language: 'de' });
    expect(response.status).toBe(200);
    const status = await response.json();
    expect(status).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      uri: `${server.origin}/users/alice/statuses/${status.id}`,
      url: `${server.origin}/@alice/${status.id}`,
      content: '<p>Hello &lt;world&gt; &amp; &quot;friends&quot;</p><p>Second<br />line</p>',
      spoiler_text: '',
      visibility: 'public',
      sensitive: false,
      language: 'de',
      in_reply_to_id: null,
      media_attachments: [],
      poll: null,
      reblog: null,
      application: { name: 'Tests', website: null },
      account: { username: 'alice', acct: 'alice', statuses_count: 1 },
      favourited: false,
      pinned: false,
    });
    expect(Date.parse(status.created_at)).toBeGreaterThan(Date.now() - 5000);
    expect(status.account.id).toBe(await aliceId());
    expect(server.statuses).toEqual([
      { ...status, text: 'Hello <world> & "friends"\n\nSecond\nline', quoted_status_id: null, quote_approval_policy: 'public' },
    ]);
  });

  it('accepts JSON and multipart bodies, and takes defaults from the user', async () => {
    await server.close();
    await start({ users: [{ username: 'alice', privacy: 'unlisted', language: 'fr' }] });
    const fromJson = await fetch(`${server.origin}/api/v1/statuses`, {
      method: 'POST',
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'json', sensitive: true, language: 'not a language' }),
    });
    expect(await fromJson.json()).toMatchObject({ content: '<p>json</p>', visibility: 'unlisted', sensitive: true, language: 'fr' });
    const form = new FormData();
    form.append('status', 'multipart');
    form.append('visibility', 'private');
    const fromMultipart = await fetch(`${server.origin}/api/v1/statuses`, { method: 'POST', headers: bearer(token), body: form });
    expect(await fromMultipart.json()).toMatchObject({ content: '<p>multipart</p>', visibility: 'private' });
  });

  it('uses a spoiler text alone as the text, and marks spoilered posts sensitive', async () => {
    const onlySpoiler = await (await post({ status: '  ', spoiler_text: 'CW only' })).json();
    expect(onlySpoiler).toMatchObject({ content: '<p>CW only</p>', spoiler_text: '', sensitive: true });
    const both = await (await post({ status: 'body', spoiler_text: 'food', sensitive: 'false' })).json();
    expect(both).toMatchObject({ content: '<p>body</p>', spoiler_text: 'food', sensitive: true });
  });

  it('attaches ready media in the given order and marks them attached', async () => {
    const first = await uploadMedia();
    const second = await uploadMedia('image/jpeg');
    const status = await (await post([['media_ids[]', second], ['media_ids[]', first]])).json();
    expect(status.content).toBe('');
    expect(status.media_attachments.map((media: { id: string }) => media.id)).toEqual([second, first]);
    expect(server.statuses[0]?.media_attachments.map((media) => media.id)).toEqual([second, first]);
    expect(server.media.map((media) => media.status_id)).toEqual([status.id, status.id]);
    const again = await post([['status', 'again'], ['media_ids[]', first]]);
    expect(await again.json()).toEqual({ error: `Media ${first} not found or already attached to another post` });
  });

  it('creates a poll', async () => {
    const status = await (
      await post([
        ['status', 'Tea or coffee?'],
        ['poll[options][]', 'Tea'],
        ['poll[options][]', 'Coffee'],
        ['poll[expires_in]', '3600'],
        ['poll[multiple]', 'true'],
      ])
    ).json();
    expect(status.poll).toMatchObject({
      expired: false,
      multiple: true,
      votes_count: 0,
      options: [
        { title: 'Tea', votes_count: 0 },
        { title: 'Coffee', votes_count: 0 },
      ],
      voted: true,
      own_votes: [],
    });
    expect(Date.parse(status.poll.expires_at) - Date.parse(status.created_at)).toBe(3_600_000);
    expect(server.statuses[0]?.poll).toEqual(status.poll);
  });

  it('replies to a visible status, and answers 404 for an unknown one', async () => {
    const parent = await (await post({ status: 'parent' })).json();
    const bob = await userToken(server, 'read write', 'bob');
    const reply = await (await post({ status: '@alice yes', in_reply_to_id: parent.id }, {}, bob)).json();
    expect(reply).toMatchObject({ in_reply_to_id: parent.id, in_reply_to_account_id: parent.account.id });
    expect((await (await request(server, 'GET', `/api/v1/statuses/${parent.id}`)).json()).replies_count).toBe(1);
    const orphan = await post({ status: 'hm', in_reply_to_id: '1' });
    expect(orphan.status).toBe(404);
    expect(await orphan.json()).toEqual({ error: 'The post you are trying to reply to does not appear to exist.' });
  });

  it('checks the token: 401 invalid or revoked, 403 without write or write:statuses', async () => {
    expect((await post({ status: 'x' }, {}, 'made-up')).status).toBe(401);
    const readOnly = await post({ status: 'x' }, {}, await userToken(server, 'read write:media'));
    expect(readOnly.status).toBe(403);
    expect(await readOnly.json()).toEqual({ error: 'This action is outside the authorized scopes' });
    expect((await post({ status: 'x' }, {}, await userToken(server, 'write:statuses'))).status).toBe(200);
    server.revokeAllTokens();
    const revoked = await post({ status: 'x' });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: 'The access token is invalid' });
    expect(server.statuses).toHaveLength(1);
  });
});

describe('validation, with Mastodon’s messages', () => {
  it.each<[string, Fields, string]>([
    ['blank text without media', { status: ' \n ' }, "Validation failed: Text can't be blank"],
    ['501 characters', { status: 'a'.repeat(501) }, 'Validation failed: Text character limit of 500 exceeded'],
    ['spoiler and text together over the limit', { status: 'a'.repeat(490), spoiler_text: 'b'.repeat(11) }, 'Validation failed: Text character limit of 500 exceeded'],
    ['an unknown visibility', { status: 'x', visibility: 'friends' }, 'Validation failed: Visibility is not included in the list'],
    ['an unknown media id', [['status', 'x'], ['media_ids[]', '42']], 'Media 42 not found or already attached to another post'],
    ['five media', [['status', 'x'], ...Array.from({ length: 5 }, (_, i): [string, string] => ['media_ids[]', String(i)])], 'Cannot attach more than 4 files'],
    ['one poll option', [['status', 'x'], ['poll[options][]', 'a'], ['poll[expires_in]', '600']], 'Validation failed: Choices must have more than one item'],
    [
      'five poll options',
      [['status', 'x'], ...['a', 'b', 'c', 'd', 'e'].map((o): [string, string] => ['poll[options][]', o]), ['poll[expires_in]', '600']],
      "Validation failed: Choices can't contain more than 4 items",
    ],
    [
      'a 51-character option',
      [['status', 'x'], ['poll[options][]', 'a'.repeat(51)], ['poll[options][]', 'b'], ['poll[expires_in]', '600']],
      'Validation failed: Choices cannot be longer than 50 characters each',
    ],
    [
      'duplicate options',
      [['status', 'x'], ['poll[options][]', 'a'], ['poll[options][]', 'a'], ['poll[expires_in]', '600']],
      'Validation failed: Choices contain duplicate items',
    ],
    ['a poll ending too soon', [['status', 'x'], ['poll[options][]', 'a'], ['poll[options][]', 'b'], ['poll[expires_in]', '299']], 'Validation failed: Deadline is too soon'],
    [
      'a poll ending too late',
      [['status', 'x'], ['poll[options][]', 'a'], ['poll[options][]', 'b'], ['poll[expires_in]', '2629747']],
      'Validation failed: Deadline is too far into the future',
    ],
    ['a poll without a deadline', [['status', 'x'], ['poll[options][]', 'a'], ['poll[options][]', 'b']], "Validation failed: Deadline can't be blank"],
    ['an unparseable scheduled_at', { status: 'x', scheduled_at: 'next week' }, 'Record invalid'],
  ])('rejects %s with 422', async (_, fields, error) => {
    const response = await post(fields);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error });
    expect(server.statuses).toHaveLength(0);
  });

  it('rejects a poll together with media', async () => {
    const media = await uploadMedia();
    const response = await post([['status', 'x'], ['media_ids[]', media], ['poll[options][]', 'a'], ['poll[options][]', 'b'], ['poll[expires_in]', '600']]);
    expect(await response.json()).toEqual({ error: 'Cannot attach more than 4 files' });
  });

  it('rejects media still processing, and a video among other media', async () => {
    await server.close();
    await start({ mediaProcessingMs: 60_000 });
    const processing = await post([['status', 'x'], ['media_ids[]', await uploadMedia()]]);
    expect(processing.status).toBe(422);
    expect(await processing.json()).toEqual({ error: 'Cannot attach files that have not finished processing. Try again in a moment!' });
    await server.close();
    await start();
    const mixed = await post([['status', 'x'], ['media_ids[]', await uploadMedia()], ['media_ids[]', await uploadMedia('video/mp4')]]);
    expect(await mixed.json()).toEqual({ error: 'Cannot attach a video to a post that already contains images' });
  });

  it('counts like Mastodon: graphemes, URLs at the reserved length, remote mentions as local ones', async () => {
    const url = `https://example.com/${'long-path/'.repeat(20)}`;
    const fits = [
      'a'.repeat(500),
      '👩‍👩‍👧‍👦'.repeat(500),
      `${'a'.repeat(476)} ${url}`,
      `@bob@very-long-domain-name.example.social ${'a'.repeat(495)}`,
    ];
    for (const status of fits) expect((await post({ status })).status).toBe(200);
    expect((await post({ status: `${'a'.repeat(477)} ${url}` })).status).toBe(422);
    server.limits.charactersReservedPerUrl = 10;
    expect((await post({ status: `${'a'.repeat(489)} ${url}` })).status).toBe(200);
  });

  // The table the extension's counter is checked against too (tests/unit/count.test.ts).
  it.each(COUNTING_CASES)('counts like Mastodon (shared table): $name', async ({ text, spoilerText, perUrl = 23, expected }) => {
    server.limits.charactersReservedPerUrl = perUrl;
    const fields = { status: text, ...(spoilerText ? { spoiler_text: spoilerText } : {}) };
    server.limits.maxCharacters = expected;
    expect((await post(fields)).status).toBe(200);
    server.limits.maxCharacters = expected - 1;
    const refused = await post(fields);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: `Validation failed: Text character limit of ${expected - 1} exceeded` });
  });

  it('follows live limits', async () => {
    server.limits.maxCharacters = 10;
    server.limits.maxMediaAttachments = 1;
    server.limits.pollMaxOptions = 2;
    server.limits.pollMaxCharactersPerOption = 3;
    server.limits.pollMinExpiration = 60;
    server.limits.pollMaxExpiration = 120;
    expect(await (await post({ status: 'a'.repeat(11) })).json()).toEqual({ error: 'Validation failed: Text character limit of 10 exceeded' });
    expect(await (await post([['status', 'x'], ['media_ids[]', '1'], ['media_ids[]', '2']])).json()).toEqual({ error: 'Cannot attach more than 1 files' });
    const poll = (options: string[], expiresIn: string) =>
      post([['status', 'x'], ...options.map((o): [string, string] => ['poll[options][]', o]), ['poll[expires_in]', expiresIn]]);
    expect((await (await poll(['a', 'b', 'c'], '60')).json()).error).toBe("Validation failed: Choices can't contain more than 2 items");
    expect((await (await poll(['abcd', 'b'], '60')).json()).error).toBe('Validation failed: Choices cannot be longer than 3 characters each');
    expect((await (await poll(['a', 'b'], '121')).json()).error).toBe('Validation failed: Deadline is too far into the future');
    expect((await poll(['a', 'b'], '60')).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('answers the same key from the same account with the first status, creating no other', async () => {
    const first = await (await post({ status: 'once' }, { 'Idempotency-Key': 'draft-1' })).json();
    const again = await post({ status: 'once, edited' }, { 'Idempotency-Key': 'draft-1' });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    expect(server.statuses.map((status) => status.text)).toEqual(['once']);
    await post({ status: 'other draft' }, { 'Idempotency-Key': 'draft-2' });
    await post({ status: 'bob' }, { 'Idempotency-Key': 'draft-1' }, await userToken(server, 'read write', 'bob'));
    expect(server.statuses.map((status) => status.text)).toEqual(['once', 'other draft', 'bob']);
  });

  it('remembers only successes: a rejected post leaves the key free', async () => {
    expect((await post({ status: '' }, { 'Idempotency-Key': 'k' })).status).toBe(422);
    expect((await post({ status: 'fixed' }, { 'Idempotency-Key': 'k' })).status).toBe(200);
    expect(server.statuses).toHaveLength(1);
  });

  it('is ignored by a server started with idempotency: false', async () => {
    await server.close();
    await start({ idempotency: false });
    const first = await (await post({ status: 'twice' }, { 'Idempotency-Key': 'same' })).json();
    const second = await (await post({ status: 'twice' }, { 'Idempotency-Key': 'same' })).json();
    expect(second.id).not.toBe(first.id);
    expect(server.statuses).toHaveLength(2);
  });

  it('survives a lost answer: afterProcessing + drop creates the status once, the retry gets it', async () => {
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, drop: true, times: 1 });
    await expect(post({ status: 'lost answer' }, { 'Idempotency-Key': 'retry-me' })).rejects.toThrow(TypeError);
    expect(server.statuses).toHaveLength(1);
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/statuses', status: 0 });
    const retry = await post({ status: 'lost answer' }, { 'Idempotency-Key': 'retry-me' });
    expect(retry.status).toBe(200);
    expect((await retry.json()).id).toBe(server.statuses[0]?.id);
    expect(server.statuses).toHaveLength(1);
  });
});

describe('faults around posting', () => {
  it('drop alone resets the connection before anything is created', async () => {
    server.setFault('POST /api/v1/statuses', { drop: true, times: 1 });
    await expect(post({ status: 'never' })).rejects.toThrow(TypeError);
    expect(server.statuses).toHaveLength(0);
    expect((await post({ status: 'now' })).status).toBe(200);
  });

  it('afterProcessing with a status creates the post but answers the error, so the client must check', async () => {
    await server.close();
    await start({ idempotency: false });
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, status: 503, times: 2 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await post({ status: `try ${i}` })).status);
    expect(answers).toEqual([503, 503, 200]);
    expect(server.statuses).toHaveLength(3);
    // What a client does when it cannot trust the key: look for its text among the latest posts.
    const latest = await (await request(server, 'GET', `/api/v1/accounts/${await aliceId()}/statuses?limit=2`, token)).json();
    expect(latest.map((status: { content: string }) => status.content)).toEqual(['<p>try 2</p>', '<p>try 1</p>']);
  });

  it('afterProcessing with only a delay answers normally, late', async () => {
    server.setFault('POST /api/v1/statuses', { afterProcessing: true, delayMs: 150 });
    const started = Date.now();
    const response = post({ status: 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.statuses).toHaveLength(1);
    expect((await response).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('reading statuses', () => {
  it('GET /api/v1/statuses/:id shows public posts to anyone and private ones to their author only', async () => {
    const open = await (await post({ status: 'open' })).json();
    const closed = await (await post({ status: 'closed', visibility: 'private' })).json();
    const anonymous = await request(server, 'GET', `/api/v1/statuses/${open.id}`);
    expect(await anonymous.json()).toMatchObject({ id: open.id, content: '<p>open</p>' });
    expect(await (await request(server, 'GET', `/api/v1/statuses/${open.id}`)).json()).not.toHaveProperty('favourited');
    expect((await request(server, 'GET', `/api/v1/statuses/${closed.id}`)).status).toBe(404);
    const bob = await userToken(server, 'read', 'bob');
    expect((await request(server, 'GET', `/api/v1/statuses/${closed.id}`, bob)).status).toBe(404);
    expect((await request(server, 'GET', `/api/v1/statuses/${closed.id}`, token)).status).toBe(200);
    expect((await request(server, 'GET', `/api/v1/statuses/${open.id}`, 'made-up')).status).toBe(401);
    expect((await request(server, 'GET', `/api/v1/statuses/${open.id}`, await userToken(server, 'write'))).status).toBe(403);
  });

  it('GET /api/v1/accounts/:id/statuses lists the newest first, up to limit', async () => {
    for (const text of ['one', 'two', 'three']) await post({ status: text });
    await post({ status: 'secret', visibility: 'direct' });
    const id = await aliceId();
    const own = await (await request(server, 'GET', `/api/v1/accounts/${id}/statuses?limit=3`, token)).json();
    expect(own.map((status: { content: string }) => status.content)).toEqual(['<p>secret</p>', '<p>three</p>', '<p>two</p>']);
    const anonymous = await (await request(server, 'GET', `/api/v1/accounts/${id}/statuses`)).json();
    expect(anonymous.map((status: { content: string }) => status.content)).toEqual(['<p>three</p>', '<p>two</p>', '<p>one</p>']);
    expect((await request(server, 'GET', '/api/v1/accounts/1/statuses')).status).toBe(404);
  });
});

describe('scheduled statuses', () => {
  it('answers a ScheduledStatus for scheduled_at at least 5 minutes ahead, and lists it', async () => {
    const media = await uploadMedia();
    const at = inMinutes(10);
    const response = await post([['status', 'later'], ['visibility', 'unlisted'], ['media_ids[]', media], ['scheduled_at', at]]);
    expect(response.status).toBe(200);
    const scheduled = await response.json();
    expect(scheduled).toEqual({
      id: expect.stringMatching(/^\d+$/),
      scheduled_at: at,
      params: expect.objectContaining({
        text: 'later',
        visibility: 'unlisted',
        media_ids: [media],
        poll: null,
        sensitive: null,
        spoiler_text: null,
        scheduled_at: null,
        in_reply_to_id: null,
        idempotency: null,
      }),
      media_attachments: [expect.objectContaining({ id: media })],
    });
    expect(server.statuses).toHaveLength(0);
    expect(server.scheduledStatuses).toEqual([scheduled]);
    const list = await request(server, 'GET', '/api/v1/scheduled_statuses', token);
    expect(await list.json()).toEqual([scheduled]);
    expect((await request(server, 'GET', '/api/v1/scheduled_statuses', await userToken(server, 'read', 'bob'))).status).toBe(200);
    expect(await (await request(server, 'GET', '/api/v1/scheduled_statuses', await userToken(server, 'read', 'bob'))).json()).toEqual([]);
    expect((await request(server, 'GET', '/api/v1/scheduled_statuses', await userToken(server, 'write'))).status).toBe(403);
  });

  it('rejects a date less than 5 minutes ahead, and posts at once for a date in the past', async () => {
    const soon = await post({ status: 'soon', scheduled_at: inMinutes(4) });
    expect(soon.status).toBe(422);
    expect(await soon.json()).toEqual({ error: 'Validation failed: Scheduled at date must be in the future' });
    const past = await post({ status: 'past', scheduled_at: inMinutes(-1) });
    expect(await past.json()).toMatchObject({ content: '<p>past</p>' });
    expect(server.scheduledStatuses).toHaveLength(0);
    expect(server.statuses).toHaveLength(1);
  });

  it('rejects an invalid scheduled post with Mastodon’s bare "Record invalid"', async () => {
    const response = await post({ status: '', scheduled_at: inMinutes(10) });
    expect(await response.json()).toEqual({ error: 'Record invalid' });
    expect(server.scheduledStatuses).toHaveLength(0);
  });

  it('replays a scheduled post for the same Idempotency-Key', async () => {
    const first = await (await post({ status: 'later', scheduled_at: inMinutes(10) }, { 'Idempotency-Key': 's' })).json();
    const again = await (await post({ status: 'later', scheduled_at: inMinutes(10) }, { 'Idempotency-Key': 's' })).json();
    expect(again).toEqual(first);
    expect(server.scheduledStatuses).toHaveLength(1);
  });
});

describe('DELETE /api/v1/statuses/:id', () => {
  it('deletes one’s own status, answers it with its source text, and unattaches its media for a redraft', async () => {
    const media = await uploadMedia();
    const status = await (await post([['status', 'Hello <b>you</b>'], ['media_ids[]', media]])).json();
    const response = await request(server, 'DELETE', `/api/v1/statuses/${status.id}`, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: status.id, text: 'Hello <b>you</b>', media_attachments: [{ id: media }] });
    expect(server.statuses).toHaveLength(0);
    expect(server.media.map((m) => m.status_id)).toEqual([null]);
    const redraft = await post([['status', 'Hello again'], ['media_ids[]', media]]);
    expect((await redraft.json()).media_attachments.map((m: { id: string }) => m.id)).toEqual([media]);
    expect((await request(server, 'DELETE', `/api/v1/statuses/${status.id}`, token)).status).toBe(404);
  });

  it('removes the media too with delete_media, or on a server that keeps none for redrafts', async () => {
    const media = await uploadMedia();
    const status = await (await post([['media_ids[]', media]])).json();
    await request(server, 'DELETE', `/api/v1/statuses/${status.id}?delete_media=true`, token);
    expect(server.media).toHaveLength(0);
    await server.close();
    await start({ keepsMediaOnDelete: false });
    const other = await uploadMedia();
    const posted = await (await post([['media_ids[]', other]])).json();
    await request(server, 'DELETE', `/api/v1/statuses/${posted.id}`, token);
    expect(server.media).toHaveLength(0);
  });

  it('refuses another account’s status (404) and a token without write scope', async () => {
    const status = await (await post([['status', 'Mine']])).json();
    expect((await request(server, 'DELETE', `/api/v1/statuses/${status.id}`, await userToken(server, 'read write', 'bob'))).status).toBe(404);
    expect((await request(server, 'DELETE', `/api/v1/statuses/${status.id}`, await userToken(server, 'read'))).status).toBe(403);
    expect((await request(server, 'DELETE', `/api/v1/statuses/${status.id}`, 'not-a-token')).status).toBe(401);
    expect(server.statuses).toHaveLength(1);
  });
});
