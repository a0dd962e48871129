// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMastodon } from './index.ts';
import { bearer, request, startWithUser, userToken, type Fields } from './test-client.ts';
import type { QuoteApprovalEntity } from './types.ts';

let server: FakeMastodon;
let token: string;

beforeEach(async () => {
  ({ server, token } = await startWithUser());
});
afterEach(() => server.close());

const REMOTE = 'https://news.example/@ann/1';
const approval = (current_user: QuoteApprovalEntity['current_user'], automatic = ['public']): QuoteApprovalEntity => ({
  automatic,
  manual: [],
  current_user,
});
const remote = (current_user: QuoteApprovalEntity['current_user'], url = REMOTE) =>
  server.addRemotePost({ url, author: 'ann@news.example', displayName: 'Ann', text: 'Bread is a verb.', quoteApproval: approval(current_user) });

const search = (q: string, resolve: boolean, as: string | null = token) =>
  fetch(`${server.origin}/api/v2/search?${new URLSearchParams({ q, resolve: String(resolve), type: 'statuses', limit: '1' })}`, {
    headers: as ? bearer(as) : {},
  });

const post = (fields: Fields) => request(server, 'POST', '/api/v1/statuses', token, fields);

describe('GET /api/v2/search', () => {
  it('finds a remote post by its URL only with resolve=true, then as Mastodon shows it', async () => {
    const id = remote('manual');
    expect(((await (await search(REMOTE, false)).json()) as { statuses: unknown[] }).statuses).toEqual([]);
    const answer = (await (await search(REMOTE, true)).json()) as { statuses: Array<Record<string, unknown>> };
    expect(answer.statuses).toHaveLength(1);
    expect(answer.statuses[0]).toMatchObject({
      id,
      url: REMOTE,
      account: { acct: 'ann@news.example', display_name: 'Ann' },
      quote_approval: { automatic: ['public'], manual: [], current_user: 'manual' },
    });
  });

  it('refuses to resolve without a signed-in user, and a token without read or read:search', async () => {
    remote('automatic');
    expect((await search(REMOTE, true, null)).status).toBe(401);
    expect((await search(REMOTE, true, await userToken(server, 'write:statuses'))).status).toBe(403);
    expect((await search(REMOTE, true, await userToken(server, 'read'))).status).toBe(200);
  });

  it('finds a local post by its URL, with quote_approval as it applies to the viewer', async () => {
    const mine = (await (await post({ status: 'Mine', quote_approval_policy: 'followers' })).json()) as { id: string; url: string };
    const answer = (await (await search(mine.url, false)).json()) as { statuses: Array<Record<string, unknown>> };
    // The author may quote their own post whatever its policy.
    expect(answer.statuses[0]).toMatchObject({ id: mine.id, quote_approval: { automatic: ['followers'], current_user: 'automatic' } });
  });
});

describe('POST /api/v1/statuses with quoted_status_id (Mastodon 4.5)', () => {
  it('an automatic quote is accepted and shows the quoted post', async () => {
    const id = remote('automatic');
    await search(REMOTE, true);
    const response = await post({ status: 'So true', quoted_status_id: id });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ quote: { state: 'accepted', quoted_status: { id } } });
    expect(server.statuses.at(-1)).toMatchObject({ quoted_status_id: id, quote_approval_policy: 'public' });
  });

  it('a manual quote waits for its author', async () => {
    const id = remote('manual');
    expect(await (await post({ status: 'Please?', quoted_status_id: id })).json()).toMatchObject({ quote: { state: 'pending', quoted_status: null } });
  });

  it.each(['denied', 'unknown'] as const)('a %s quote is refused', async (current) => {
    const id = remote(current);
    const response = await post({ status: 'No', quoted_status_id: id });
    expect(response.status).toBe(403);
    expect(server.statuses.filter((s) => s.account.username === 'alice')).toEqual([]);
  });

  it('a post that does not exist is a 404', async () => {
    expect((await post({ status: 'x', quoted_status_id: '1' })).status).toBe(404);
  });

  it('refuses media and polls with a quote', async () => {
    const id = remote('automatic');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1])], { type: 'image/png' }), 'f');
    server.clearLog();
    const media = (await (await fetch(`${server.origin}/api/v2/media`, { method: 'POST', headers: bearer(token), body: form })).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 400));
    const withMedia = await post([['status', 'x'], ['quoted_status_id', id], ['media_ids[]', media.id]]);
    expect(withMedia.status).toBe(422);
    expect(await withMedia.json()).toEqual({ error: 'Validation failed: Quoting is not allowed with media attachments.' });
    const withPoll = await post([['status', 'x'], ['quoted_status_id', id], ['poll[options][]', 'a'], ['poll[options][]', 'b'], ['poll[expires_in]', '3600']]);
    expect(withPoll.status).toBe(422);
    expect(await withPoll.json()).toEqual({ error: 'Validation failed: Quoting is not allowed with polls.' });
  });

  it('stores quote_approval_policy, forced to nobody for private and direct posts', async () => {
    await post({ status: 'a', quote_approval_policy: 'followers' });
    await post({ status: 'b', visibility: 'private', quote_approval_policy: 'public' });
    await post({ status: 'c', visibility: 'direct' });
    await post({ status: 'd' });
    expect(server.statuses.map((s) => s.quote_approval_policy)).toEqual(['followers', 'nobody', 'nobody', 'public']);
  });
});

describe('api_versions', () => {
  it('says 7 (quotes) by default, and nothing when switched off like servers before 4.3', async () => {
    expect(((await (await fetch(`${server.origin}/api/v2/instance`)).json()) as { api_versions?: unknown }).api_versions).toEqual({ mastodon: 7 });
    await server.close();
    ({ server, token } = await startWithUser({ mastodonApiVersion: 0 }));
    expect(((await (await fetch(`${server.origin}/api/v2/instance`)).json()) as { api_versions?: unknown }).api_versions).toBeUndefined();
  });
});
