// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeMastodon } from './index.ts';
import { bearer, request, startWithUser, userToken } from './test-client.ts';

let server: FakeMastodon;
let token: string;

beforeEach(async () => {
  ({ server, token } = await startWithUser());
});
afterEach(() => server.close());

function send(method: string, path: string, body?: unknown, as = token): Promise<Response> {
  return fetch(server.origin + path, {
    method,
    headers: { ...bearer(as), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function uploadMedia(description: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array([1])], { type: 'image/png' }), 'f.png');
  form.append('description', description);
  const response = await fetch(`${server.origin}/api/v2/media`, { method: 'POST', headers: bearer(token), body: form });
  return ((await response.json()) as { id: string }).id;
}

async function create(body: Record<string, unknown>): Promise<{ id: string; created_at: string }> {
  return (await send('POST', '/api/v1/statuses', body)).json();
}

describe('PUT /api/v1/statuses/:id', () => {
  it('changes text, warning, sensitivity, language and alt text, and keeps every version', async () => {
    const media = await uploadMedia('A cat');
    const status = await create({ status: 'First words', media_ids: [media], language: 'en' });
    const response = await send('PUT', `/api/v1/statuses/${status.id}`, {
      status: 'Second words',
      spoiler_text: 'cats',
      language: 'fr',
      media_ids: [media],
      media_attributes: [{ id: media, description: 'A cat, asleep' }],
    });
    expect(response.status).toBe(200);
    const edited = await response.json();
    expect(edited).toMatchObject({
      id: status.id,
      content: '<p>Second words</p>',
      spoiler_text: 'cats',
      sensitive: true,
      language: 'fr',
      created_at: status.created_at,
      media_attachments: [{ id: media, description: 'A cat, asleep' }],
    });
    expect(Date.parse(edited.edited_at)).toBeGreaterThanOrEqual(Date.parse(status.created_at));
    expect(server.statuses).toMatchObject([{ id: status.id, text: 'Second words', edited_at: edited.edited_at }]);

    const source = await (await send('GET', `/api/v1/statuses/${status.id}/source`)).json();
    expect(source).toEqual({ id: status.id, text: 'Second words', spoiler_text: 'cats' });
    const history = await (await send('GET', `/api/v1/statuses/${status.id}/history`)).json();
    expect(history.map((v: { content: string; spoiler_text: string; media_attachments: Array<{ description: string }> }) => [v.content, v.spoiler_text, v.media_attachments[0]?.description])).toEqual([
      ['<p>First words</p>', '', 'A cat'],
      ['<p>Second words</p>', 'cats', 'A cat, asleep'],
    ]);
    expect(history[0].created_at).toBe(status.created_at);
  });

  it('removes the media and the poll an edit leaves out, as UpdateStatusService does', async () => {
    const media = await uploadMedia('A cat');
    const withMedia = await create({ status: 'Look', media_ids: [media] });
    const edited = await (await send('PUT', `/api/v1/statuses/${withMedia.id}`, { status: 'Look' })).json();
    expect(edited.media_attachments).toEqual([]);
    const poll = await create({ status: 'Tea?', poll: { options: ['Yes', 'No'], expires_in: 3600 } });
    expect((await (await send('PUT', `/api/v1/statuses/${poll.id}`, { status: 'Tea!' })).json()).poll).toBeNull();
  });

  it('makes no new version for an edit that changes nothing', async () => {
    const status = await create({ status: 'Same' });
    const answer = await (await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'Same' })).json();
    expect(answer.edited_at).toBeNull();
    expect(await (await send('GET', `/api/v1/statuses/${status.id}/history`)).json()).toHaveLength(1);
  });

  it("answers 404 for someone else's status or a missing one, and 422 for a bad edit", async () => {
    const status = await create({ status: 'Mine' });
    const bob = await userToken(server, 'read write', 'bob');
    expect((await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'Hijacked' }, bob)).status).toBe(404);
    expect((await send('PUT', '/api/v1/statuses/1', { status: 'Nothing' })).status).toBe(404);
    const blank = await send('PUT', `/api/v1/statuses/${status.id}`, { status: '' });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toEqual({ error: "Validation failed: Text can't be blank" });
    const long = await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'x'.repeat(501) });
    expect(await long.json()).toEqual({ error: 'Validation failed: Text character limit of 500 exceeded' });
    expect(server.statuses).toMatchObject([{ text: 'Mine', edited_at: null }]);
    expect((await request(server, 'PUT', `/api/v1/statuses/${status.id}`, await userToken(server, 'read'), { status: 'x' })).status).toBe(403);
  });

  it('keeps the source and history of private posts to their author', async () => {
    const status = await create({ status: 'Quiet', visibility: 'private' });
    const bob = await userToken(server, 'read write', 'bob');
    expect((await send('GET', `/api/v1/statuses/${status.id}/source`, undefined, bob)).status).toBe(404);
    expect((await send('GET', `/api/v1/statuses/${status.id}/history`, undefined, bob)).status).toBe(404);
  });
});

describe('DELETE /api/v1/statuses/:id', () => {
  it('answers with the source text, for Delete & redraft', async () => {
    const status = await create({ status: 'Gone <soon> & "then"', spoiler_text: 'cw' });
    const deleted = await (await send('DELETE', `/api/v1/statuses/${status.id}`)).json();
    expect(deleted).toMatchObject({ id: status.id, text: 'Gone <soon> & "then"', spoiler_text: 'cw' });
    expect((await send('DELETE', `/api/v1/statuses/${status.id}`)).status).toBe(404);
  });
});

describe('editing on other server families', () => {
  it('Akkoma takes media_ids but no new alt text; Hollo leaves media alone; snac-like servers have no edit', async () => {
    await server.close();
    ({ server, token } = await startWithUser({ dialect: 'pleroma' }));
    let media = await uploadMedia('Old');
    let status = await create({ status: 'Akkoma', media_ids: [media] });
    let edited = await (await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'Akkoma!', media_ids: [media], media_attributes: [{ id: media, description: 'New' }] })).json();
    expect(edited.media_attachments.map((m: { description: string }) => m.description)).toEqual(['Old']);
    expect(edited.content).toContain('Akkoma!');

    await server.close();
    ({ server, token } = await startWithUser({ dialect: 'hollo' }));
    media = await uploadMedia('Kept');
    status = await create({ status: 'Hollo', media_ids: [media] });
    edited = await (await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'Hollo!' })).json();
    expect(edited.media_attachments.map((m: { description: string }) => m.description)).toEqual(['Kept']);

    await server.close();
    ({ server, token } = await startWithUser({ dialect: 'minimal' }));
    status = await create({ status: 'snac' });
    expect((await send('PUT', `/api/v1/statuses/${status.id}`, { status: 'snac!' })).status).toBe(404);
  });
});
