import { afterEach, describe, expect, it } from 'vitest';
import { createEditService, RECENT_POSTS_PER_ACCOUNT } from '@/lib/composer/edit';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { instancesItem } from '@/entrypoints/background/storage-items';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from '../fake-mastodon/index';
import { composerHarness, settled } from './composer-harness';

const popup = 'popup' as const;
let server: FakeMastodon;
afterEach(async () => {
  await server.close();
});

async function start(options: FakeMastodonOptions = {}) {
  server = await startFakeMastodon({ mediaProcessingMs: 30, ...options });
  const h = await composerHarness(server);
  const edits = createEditService({
    accounts: h.connection.accounts,
    instances: createInstanceCache(instancesItem, fetch),
    fetch,
    timeoutMs: 1000,
    recent: h.recentPosts,
    composer: h.composer,
  });
  return { ...h, edits };
}

/** Posts a text with one image described `alt`; the post as the popup lists it. */
async function postWithImage(h: Awaited<ReturnType<typeof start>>, text: string, alt: string) {
  const { draft } = await h.composer.addMedia(popup, await h.file('cat.png'));
  await h.composer.describeMedia(popup, draft.media[0]!.localId, alt);
  await h.composer.updateDraft(popup, { text, spoilerEnabled: true, spoilerText: 'cats', language: 'en' });
  await settled(h.composer);
  expect((await h.composer.post(popup)).ok).toBe(true);
  const [post] = await h.edits.list();
  return post!;
}

describe('the last posts', () => {
  it('lists the newest posts made here, newest first, a few per account, with no token', async () => {
    const h = await start();
    for (let i = 1; i <= RECENT_POSTS_PER_ACCOUNT + 2; i++) {
      await h.composer.updateDraft(popup, { text: `Post ${i}` });
      expect((await h.composer.post(popup)).ok).toBe(true);
    }
    const posts = await h.edits.list();
    expect(posts.map((p) => p.text)).toEqual([7, 6, 5, 4, 3].map((i) => `Post ${i}`));
    expect(posts[0]).toMatchObject({ accountId: 'alice@' + new URL(server.origin).host, editable: true, editedAt: null, url: server.statuses.at(-1)!.url });
    expect(JSON.stringify(posts)).not.toContain((await h.connection.accounts.read()).accounts[0]!.token);
  });

  it('forgets an undone post', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Oops' });
    await h.composer.post(popup);
    expect(await h.edits.list()).toHaveLength(1);
    expect((await h.composer.undo(popup)).ok).toBe(true);
    expect(await h.edits.list()).toEqual([]);
  });
});

describe('edit', () => {
  it('changes the text and the alt text on the server, and the post shows as edited', async () => {
    const h = await start();
    const post = await postWithImage(h, 'A cat on a mat', 'A cat');
    const opened = await h.edits.open(post.accountId, post.statusId);
    expect(opened).toMatchObject({
      ok: true,
      form: { text: 'A cat on a mat', spoilerText: 'cats', sensitive: true, language: 'en', altText: true, media: [{ description: 'A cat' }] },
    });
    if (!opened.ok) return;
    const mediaId = opened.form.media[0]!.id;
    const saved = await h.edits.save(post.accountId, post.statusId, {
      text: 'A cat on a hat',
      spoilerText: 'cats',
      sensitive: true,
      language: 'en',
      descriptions: { [mediaId]: 'A grey cat, asleep on a hat' },
    });
    expect(saved).toMatchObject({ ok: true, notApplied: [], post: { text: 'A cat on a hat', editedAt: expect.any(String) } });
    // The post as listed: when and where it was posted stay.
    if (saved.ok) expect(saved.post).toMatchObject({ statusId: post.statusId, url: post.url, postedAt: post.postedAt });

    // Checked on the server: one status, edited, its media kept with the new alt text.
    expect(server.statuses).toHaveLength(1);
    const [status] = server.statuses;
    expect(status).toMatchObject({ text: 'A cat on a hat', spoiler_text: 'cats', edited_at: expect.any(String) });
    expect(status!.media_attachments.map((m) => [m.id, m.description])).toEqual([[mediaId, 'A grey cat, asleep on a hat']]);
    expect(server.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/statuses/')).map((r) => r.path)).toEqual([`/api/v1/statuses/${post.statusId}`]);
    expect(server.count('GET', `/api/v1/statuses/${post.statusId}/source`)).toBe(1);
    expect((await h.edits.list())[0]).toMatchObject({ text: 'A cat on a hat', editedAt: status!.edited_at });
  });

  it('keeps the poll: sent back with its options and the time it has left', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Tea or coffee?', poll: { options: ['Tea', 'Coffee'], expiresIn: 86_400, multiple: true } });
    expect((await h.composer.post(popup)).ok).toBe(true);
    const [post] = await h.edits.list();
    const saved = await h.edits.save(post!.accountId, post!.statusId, { text: 'Tea or coffee, really?', spoilerText: '', sensitive: false, language: null, descriptions: {} });
    expect(saved).toMatchObject({ ok: true, notApplied: [] });
    const edit = server.requests.find((r) => r.method === 'PUT' && r.path === `/api/v1/statuses/${post!.statusId}`)!;
    expect(edit.body).toMatchObject({ poll: { options: ['Tea', 'Coffee'], multiple: true } });
    const expiresIn = Number((edit.body as { poll: { expires_in: number | string } }).poll.expires_in);
    expect(expiresIn).toBeGreaterThan(86_000);
    expect(expiresIn).toBeLessThanOrEqual(86_400);
    expect(server.statuses[0]!.poll).toMatchObject({ multiple: true, options: [{ title: 'Tea' }, { title: 'Coffee' }] });
  });

  it('editing an older post answers with that post, the newer one untouched', async () => {
    const h = await start();
    for (const text of ['Older', 'Newer']) {
      await h.composer.updateDraft(popup, { text });
      expect((await h.composer.post(popup)).ok).toBe(true);
    }
    const [newer, older] = await h.edits.list();
    const saved = await h.edits.save(older!.accountId, older!.statusId, { text: 'Older, edited', spoilerText: '', sensitive: false, language: null, descriptions: {} });
    expect(saved).toMatchObject({ ok: true, post: { statusId: older!.statusId, text: 'Older, edited', postedAt: older!.postedAt } });
    expect((await h.edits.list()).map((p) => p.text)).toEqual(['Newer', 'Older, edited']);
    expect(newer!.text).toBe('Newer');
  });

  it('an account no longer connected: nothing to open, save or redraft', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Mine' });
    await h.composer.post(popup);
    const [post] = await h.edits.list();
    const gone = `gone@${server.host}`;
    expect(await h.edits.open(gone, post!.statusId)).toEqual({ ok: false, error: { code: 'no-account' } });
    expect(await h.edits.save(gone, post!.statusId, { text: 'x', spoilerText: '', sensitive: false, language: null, descriptions: {} })).toEqual({ ok: false, error: { code: 'no-account' } });
    expect(await h.edits.redraft(gone, post!.statusId, popup)).toEqual({ ok: false, error: { code: 'no-account' } });
    expect(server.statuses).toMatchObject([{ text: 'Mine', edited_at: null }]);
  });

  it("shows the server's refusal and leaves the post as it was", async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Short' });
    await h.composer.post(popup);
    const [post] = await h.edits.list();
    const saved = await h.edits.save(post!.accountId, post!.statusId, { text: 'x'.repeat(501), spoilerText: '', sensitive: false, language: null, descriptions: {} });
    expect(saved).toEqual({ ok: false, error: expect.objectContaining({ code: 'too-long', status: 422 }) });
    expect(server.statuses).toMatchObject([{ text: 'Short', edited_at: null }]);
  });

  it('drops a post deleted elsewhere from the list', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Soon gone' });
    await h.composer.post(popup);
    const [post] = await h.edits.list();
    // Deleted through the API, as another app of the person's would.
    await fetch(`${server.origin}/api/v1/statuses/${post!.statusId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${(await h.connection.accounts.read()).accounts[0]!.token}` },
    });
    expect(await h.edits.open(post!.accountId, post!.statusId)).toEqual({ ok: false, error: { code: 'post-gone' } });
    expect(await h.edits.list()).toEqual([]);
  });

  it('says the server cannot edit when its edit endpoints are missing (an older release), and keeps the post listed', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'On an old server' });
    await h.composer.post(popup);
    const [post] = await h.edits.list();
    server.setFault(`GET /api/v1/statuses/${post!.statusId}/source`, { status: 404 });
    expect(await h.edits.open(post!.accountId, post!.statusId)).toEqual({ ok: false, error: { code: 'edit-unsupported' } });
    server.setFault(`PUT /api/v1/statuses/${post!.statusId}`, { status: 405 });
    const saved = await h.edits.save(post!.accountId, post!.statusId, { text: 'x', spoilerText: '', sensitive: false, language: null, descriptions: {} });
    expect(saved).toEqual({ ok: false, error: { code: 'edit-unsupported' } });
    expect(await h.edits.list()).toHaveLength(1);
  });

  it('is not offered where the server family cannot edit', async () => {
    const h = await start({ dialect: 'minimal' });
    await h.composer.updateDraft(popup, { text: 'On snac' });
    expect((await h.composer.post(popup)).ok).toBe(true);
    const [post] = await h.edits.list();
    expect(post).toMatchObject({ editable: false });
    expect(await h.edits.open(post!.accountId, post!.statusId)).toEqual({ ok: false, error: { code: 'edit-unsupported' } });
    expect(server.requests.filter((r) => r.path.includes('/source') || r.method === 'PUT')).toEqual([]);
  });
});

describe('edit on Akkoma (Pleroma family)', () => {
  it('changes the text; the alt text is shown, not sent, since its edit takes none', async () => {
    const h = await start({ dialect: 'pleroma' });
    const post = await postWithImage(h, 'On Akkoma', 'A cat');
    const opened = await h.edits.open(post.accountId, post.statusId);
    expect(opened).toMatchObject({ ok: true, form: { altText: false, media: [{ description: 'A cat' }] } });
    if (!opened.ok) return;
    const saved = await h.edits.save(post.accountId, post.statusId, {
      text: 'On Akkoma, edited',
      spoilerText: 'cats',
      sensitive: true,
      language: 'en',
      descriptions: { [opened.form.media[0]!.id]: 'Ignored' },
    });
    expect(saved).toMatchObject({ ok: true, notApplied: [] });
    expect(server.statuses).toMatchObject([{ text: 'On Akkoma, edited' }]);
    expect(server.statuses[0]!.media_attachments.map((m) => m.description)).toEqual(['A cat']);
    const sent = server.requests.find((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/statuses/'));
    expect(sent?.body).toHaveProperty('media_ids');
    expect(sent?.body).not.toHaveProperty('media_attributes');
  });
});

describe('delete & redraft', () => {
  it('deletes the post and puts its words, warning and media with alt text back into the composer', async () => {
    const h = await start();
    const post = await postWithImage(h, 'Redraft me #now', 'A cat, “asleep” 🐈');
    const redrafted = await h.edits.redraft(post.accountId, post.statusId, popup);
    expect(redrafted).toMatchObject({ ok: true, mediaLost: 0 });
    expect(server.statuses).toHaveLength(0);
    const { draft } = await h.composer.getComposer(popup);
    expect(draft).toMatchObject({ text: 'Redraft me #now', spoilerEnabled: true, spoilerText: 'cats', language: 'en', sensitive: true });
    expect(draft.media).toMatchObject([{ state: 'ready', description: 'A cat, “asleep” 🐈', descriptionSynced: true, mimeType: 'image/*', localId: expect.stringMatching(/^redraft-/) }]);
    const fileName = server.media[0]!.url?.split('/').pop();
    expect(draft.media[0]!.fileName).toBe(fileName);
    expect(await h.edits.list()).toEqual([]);

    // Posted again with the same media: no second upload.
    expect((await h.composer.post(popup)).ok).toBe(true);
    expect(server.count('POST', '/api/v2/media')).toBe(1);
    expect(server.statuses).toMatchObject([{ text: 'Redraft me #now', spoiler_text: 'cats' }]);
    expect(server.statuses[0]!.media_attachments.map((m) => m.description)).toEqual(['A cat, “asleep” 🐈']);
  });

  it('keeps the post’s visibility', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Quietly', visibility: 'unlisted' });
    await h.composer.post(popup);
    const [post] = await h.edits.list();
    expect(await h.edits.redraft(post!.accountId, post!.statusId, popup)).toMatchObject({ ok: true });
    expect((await h.composer.getComposer(popup)).draft).toMatchObject({ text: 'Quietly', visibility: 'unlisted' });
  });

  it('never overwrites words typed meanwhile, and then deletes nothing', async () => {
    const h = await start();
    await h.composer.updateDraft(popup, { text: 'Posted' });
    await h.composer.post(popup);
    await h.composer.updateDraft(popup, { text: 'Typing something new' });
    const [post] = await h.edits.list();
    expect(await h.edits.redraft(post!.accountId, post!.statusId, popup)).toEqual({ ok: false, error: { code: 'draft-in-use' } });
    expect(server.statuses).toHaveLength(1);
    expect((await h.composer.getComposer(popup)).draft.text).toBe('Typing something new');
  });

  it('says how many attachments the server did not keep', async () => {
    const h = await start({ keepsMediaOnDelete: false });
    const post = await postWithImage(h, 'Pictures', 'A cat');
    const redrafted = await h.edits.redraft(post.accountId, post.statusId, popup);
    expect(redrafted).toMatchObject({ ok: true, mediaLost: 1 });
    expect((await h.composer.getComposer(popup)).draft).toMatchObject({ text: 'Pictures', media: [] });
  });
});
