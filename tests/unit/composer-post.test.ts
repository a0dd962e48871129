import { describe, expect, it } from 'vitest';
import { languageCode } from '@/lib/composer/language';
import { differences, essence, keepOne, plainText, postErrorFrom, publish, toNewStatus } from '@/lib/composer/post';
import { postLanguage } from '@/lib/composer/language';
import { emptyDraft, type Draft, type DraftShare } from '@/lib/composer/draft';
import { CLIENT_NAME } from '@/lib/fedipost-app';
import { MastodonError } from '@/lib/mastodon/errors';
import type { Status } from '@/lib/mastodon/statuses';
import { MASTODON_PROFILE, serverProfile } from '@/lib/server-profile';
import { storedAccount } from '../helpers/stored-account';
import { stubFetch } from '../helpers/stub-fetch';

const account = storedAccount('a', 'https://x.social', { defaults: { visibility: 'unlisted', language: null, sensitive: false } });

describe('the request made from a draft', () => {
  it('falls back to the account defaults and the browser language', () => {
    const status = toNewStatus({ ...emptyDraft('k', account.id, 0), text: 'hi' }, account, 'pt-BR', MASTODON_PROFILE);
    expect(status).toMatchObject({ status: 'hi', visibility: 'unlisted', language: 'pt', spoilerText: '', sensitive: false, poll: null, scheduledAt: null });
  });

  it('sends the content warning only when switched on, and sensitive only with media', () => {
    const base = { ...emptyDraft('k', account.id, 0), text: 'x', spoilerText: 'cw', sensitive: true };
    expect(toNewStatus(base, account, 'en', MASTODON_PROFILE)).toMatchObject({ spoilerText: '', sensitive: false });
    expect(toNewStatus({ ...base, spoilerEnabled: true }, account, 'en', MASTODON_PROFILE)).toMatchObject({ spoilerText: 'cw' });
  });
});

describe('what only some servers offer, in their own words', () => {
  const draft = { ...emptyDraft('k', account.id, 0), text: 'hi', localOnly: true, contentType: 'text/markdown' };
  it('asks GoToSocial for local_only and Markdown, keeping the visibility', () => {
    const gts = serverProfile({ name: 'gotosocial', version: '0.17.3' }, '');
    expect(toNewStatus(draft, account, 'en', gts)).toMatchObject({ visibility: 'unlisted', localOnly: true, contentType: 'text/markdown' });
  });
  it('asks Pleroma/Akkoma for the local visibility', () => {
    const akkoma = serverProfile({ name: 'akkoma', version: '3.13' }, '');
    expect(toNewStatus(draft, account, 'en', akkoma)).toMatchObject({ visibility: 'local', localOnly: false, contentType: 'text/markdown' });
  });
  it('sends neither to Mastodon, and mutuals-only only where it exists', () => {
    expect(toNewStatus(draft, account, 'en', MASTODON_PROFILE)).toMatchObject({ visibility: 'unlisted', localOnly: false, contentType: null });
    expect(toNewStatus({ ...draft, visibility: 'mutuals_only' }, account, 'en', MASTODON_PROFILE).visibility).toBe('private');
    const gts = serverProfile({ name: 'gotosocial', version: '0.17.3' }, '');
    expect(toNewStatus({ ...draft, visibility: 'mutuals_only' }, account, 'en', gts).visibility).toBe('mutuals_only');
  });
});

describe('a created status is checked against what was sent', () => {
  const status = (patch: Partial<Status>): Status => ({
    id: '1', url: null, uri: '', content: '', spoiler_text: '', created_at: '', visibility: 'public', application: null, media_attachments: [],
    edited_at: null, sensitive: false, language: null, poll: null, ...patch,
  });
  const sent = { status: 'Hi @bob@remote.example, see https://example.com/a_b?c=1 & more', spoilerText: 'cw', visibility: 'private' as const };

  it('allows for HTML, shortened links and mentions shown without their domain', () => {
    const content =
      '<p>Hi <span class="h-card"><a href="https://remote.example/@bob" class="u-url mention">@<span>bob</span></a></span>, see ' +
      '<a href="https://example.com/a_b?c=1"><span class="invisible">https://</span><span class="">example.com/a_b?c=1</span></a> &amp; more</p>';
    expect(differences(sent, status({ content, spoiler_text: 'cw', visibility: 'private' }))).toEqual([]);
  });

  it('names what the server changed: an empty public post without the warning (Hollo and a form body)', () => {
    expect(differences(sent, status({ content: '', spoiler_text: '', visibility: 'public' }))).toEqual(['text', 'visibility', 'spoiler']);
  });

  it('does not count a narrower visibility as a change', () => {
    expect(differences({ ...sent, visibility: 'public' }, status({ content: sent.status, spoiler_text: 'cw', visibility: 'unlisted' }))).toEqual([]);
  });

  it('leaves out web addresses, which servers shorten as they like', () => {
    const shortened = '<p>see <a href="https://example.com/a/very/long/path">example.com/a/very/lo…</a> now</p>';
    expect(essence(shortened)).toBe(essence('see https://example.com/a/very/long/path now'));
    expect(essence(shortened)).not.toBe(essence('see now, later'));
  });

  it('leaves out the "RE: <link>" Mastodon 4.5 puts before a quote’s text', () => {
    const quote = '<p class="quote-inline">RE: <a href="https://news.example/@ann/1">news.example/@ann/1</a></p><p>So true</p>';
    expect(differences({ ...sent, status: 'So true', spoilerText: '' }, status({ content: quote, visibility: 'private' }))).toEqual([]);
  });

  it('compares Markdown by its words', () => {
    expect(essence('**Bold** _move_')).toBe(essence('<p><strong>Bold</strong> <em>move</em></p>'));
  });
});

it('falls back to the browser language when the account says "" (Mastodon\'s documented account)', () => {
  expect(postLanguage(null, '', 'fr-CA')).toBe('fr');
});

it('reads language codes from browser locales', () => {
  expect(languageCode('en-US')).toBe('en');
  expect(languageCode('zh_Hant')).toBe('zh');
  expect(languageCode('DE')).toBe('de');
});

it('turns status HTML back into its text', () => {
  expect(plainText('<p>Tom &amp; Jerry &lt;3<br>line two</p><p>para <a href="https://x.example"><span class="invisible">https://</span>x.example</a></p>')).toBe(
    'Tom & Jerry <3\nline two\n\npara https://x.example',
  );
});

describe('what the person is told when posting fails', () => {
  it.each([
    [401, { code: 'unauthorized', accountId: 'a@x.social' }],
    [403, { code: 'forbidden', detail: 'nope' }],
    [422, { code: 'rejected', status: 422, detail: 'nope' }],
    [400, { code: 'rejected', status: 400, detail: 'nope' }],
    [429, { code: 'rate-limited', retryAt: undefined }],
    [503, { code: 'server-error', status: 503 }],
  ])('HTTP %i', (status, expected) => {
    expect(postErrorFrom(new MastodonError({ kind: 'http', status, error: 'nope', endpoint: 'x' }), 'a@x.social')).toEqual(expected);
  });

  it('no answer at all', () => {
    expect(postErrorFrom(new MastodonError({ kind: 'timeout', endpoint: 'x' }), 'a')).toEqual({ code: 'unreachable' });
  });
});

describe('media, polls and HTML in the request', () => {
  const withMedia = (serverId: string | null) => ({
    localId: 'm', fileName: 'a.png', mimeType: 'image/png', size: 1, description: '', state: 'ready' as const,
    serverId, uploadedFor: account.id, previewUrl: null, descriptionSynced: true, error: null,
  });

  it('sends media by server id, sensitive when asked, and never a poll alongside', () => {
    const draft = { ...emptyDraft('k', account.id, 0), text: 'x', sensitive: true, media: [withMedia('m1'), withMedia(null)], poll: { options: ['a', 'b'], expiresIn: 300, multiple: false } };
    expect(toNewStatus(draft, account, 'en', MASTODON_PROFILE)).toMatchObject({ mediaIds: ['m1'], sensitive: true, poll: null });
  });

  it('sends the poll when there are no media', () => {
    const poll = { options: ['a', 'b'], expiresIn: 300, multiple: false };
    expect(toNewStatus({ ...emptyDraft('k', account.id, 0), text: 'x', poll }, account, 'en', MASTODON_PROFILE)).toMatchObject({ mediaIds: [], poll });
  });

  it('reads every entity Mastodon writes back as its character', () => {
    expect(plainText('<p>&lt;a&gt; &quot;b&quot; &#39;c&apos; d&nbsp;e &amp;amp;</p>')).toBe('<a> "b" \'c\' d e &amp;');
    expect(plainText('<p>one<br />two<BR>three</p>\n<p>four</p>')).toBe('one\ntwo\nthree\n\nfour');
  });
});

describe('what the person is told for other failures', () => {
  it.each([
    ['not Mastodon’s error type', new Error('boom'), { code: 'unexpected-response' }],
    ['a 200 that is not JSON', new MastodonError({ kind: 'not-json', status: 200, endpoint: 'x' }), { code: 'unexpected-response' }],
    ['HTTP 500', new MastodonError({ kind: 'http', status: 500, endpoint: 'x' }), { code: 'server-error', status: 500 }],
    ['HTTP 499', new MastodonError({ kind: 'http', status: 499, endpoint: 'x' }), { code: 'rejected', status: 499, detail: undefined }],
    ['HTTP without a status', new MastodonError({ kind: 'http', endpoint: 'x' }), { code: 'rejected', status: 0, detail: undefined }],
  ])('%s', (_name, error, expected) => {
    expect(postErrorFrom(error, 'a')).toEqual(expected);
  });
});

describe('local-only, only when asked', () => {
  const draft = { ...emptyDraft('k', account.id, 0), text: 'hi', localOnly: false };
  it('a draft not kept local goes out federated everywhere, in each server’s words', () => {
    const gts = serverProfile({ name: 'gotosocial', version: '0.17.3' }, '');
    const akkoma = serverProfile({ name: 'akkoma', version: '3.13' }, '');
    expect(toNewStatus(draft, account, 'en', gts)).toMatchObject({ visibility: 'unlisted', localOnly: false });
    expect(toNewStatus(draft, account, 'en', akkoma)).toMatchObject({ visibility: 'unlisted', localOnly: false });
  });
});

describe('quotes, where the instance has them', () => {
  const post = { id: 'q1', url: 'https://b.social/@bob/1', authorAcct: 'bob@b.social', authorName: 'Bob', text: 'hi', image: null, approval: 'automatic' as const, followersOnly: false };
  const quoted = (quote: Partial<DraftShare['quote']> = {}): Draft => ({
    ...emptyDraft('k', account.id, 0),
    text: 'so true',
    share: {
      url: 'https://b.social/@bob/1', authors: [], credit: 'off', card: null, cardRemoved: false, activityPub: 'https://b.social/users/bob/statuses/1',
      quote: { accountId: account.id, check: 'found', post, on: true, ...quote },
    },
  });
  const withDefault = storedAccount('a', 'https://x.social', { defaults: { visibility: 'public', language: null, sensitive: false, quotePolicy: 'followers' } });

  it('quotes the post this account’s server found, when the person chose to', () => {
    expect(toNewStatus(quoted(), account, 'en', MASTODON_PROFILE, true)).toMatchObject({ quotedStatusId: 'q1' });
    expect(toNewStatus(quoted({ on: false }), account, 'en', MASTODON_PROFILE, true)).toMatchObject({ quotedStatusId: null });
  });

  it('quotes nothing that another account’s server found: its id means nothing on this one', () => {
    expect(toNewStatus(quoted({ accountId: 'carol@c.social' }), account, 'en', MASTODON_PROFILE, true)).toMatchObject({ quotedStatusId: null });
  });

  it('quotes nothing when the check found no post, even if it was switched on', () => {
    expect(toNewStatus(quoted({ post: null, check: 'unresolved' }), account, 'en', MASTODON_PROFILE, true)).toMatchObject({ quotedStatusId: null });
  });

  it('sends no quote fields at all to an instance without quotes', () => {
    const sent = toNewStatus(quoted(), account, 'en', MASTODON_PROFILE);
    expect(sent).not.toHaveProperty('quotedStatusId');
    expect(sent).not.toHaveProperty('quotePolicy');
  });

  it('who may quote: nobody for private and direct posts (Mastodon fixes it so); else the draft’s choice, then the account’s', () => {
    const policy = (draft: Partial<Draft>, who = withDefault) => toNewStatus({ ...quoted({ on: false }), ...draft }, who, 'en', MASTODON_PROFILE, true).quotePolicy;
    expect(policy({ visibility: 'private', quotePolicy: 'public' })).toBe('nobody');
    expect(policy({ visibility: 'direct', quotePolicy: 'public' })).toBe('nobody');
    expect(policy({ visibility: 'public', quotePolicy: 'public' })).toBe('public');
    expect(policy({ visibility: 'unlisted' })).toBe('followers');
    expect(policy({ visibility: null })).toBe('followers');
    expect(policy({ visibility: 'public' }, account)).toBeNull();
  });
});

describe('what a server’s rendering may change and what it may not', () => {
  const status = (patch: Partial<Status>): Status => ({
    id: '1', url: null, uri: '', content: '', spoiler_text: '', created_at: '', visibility: 'public', application: null, media_attachments: [],
    edited_at: null, sensitive: false, language: null, poll: null, ...patch,
  });

  it('keeps the words of a Markdown link that mention an address: they are the person’s', () => {
    const sent = { status: 'Read [the docs at example.com/guide](https://example.com/guide)', spoilerText: '', visibility: 'public' as const };
    const kept = '<p>Read <a href="https://example.com/guide">the docs at example.com/guide</a></p>';
    expect(differences(sent, status({ content: kept }))).toEqual([]);
    expect(differences(sent, status({ content: '<p>Read <a href="https://example.com/guide">example.com/guide</a></p>' }))).toEqual(['text']);
  });

  it('leaves out a shortened address that the server wrapped onto its own line', () => {
    const sent = { status: 'see https://example.com/a/very/long/path', spoilerText: '', visibility: 'public' as const };
    expect(differences(sent, status({ content: '<p>see <a href="https://example.com/a/very/long/path">\n  example.com/a/very/lo…</a></p>' }))).toEqual([]);
  });

  it('a request without a content warning matches a status without one', () => {
    expect(differences({ status: 'hi', visibility: 'public' }, status({ content: '<p>hi</p>' }))).toEqual([]);
  });

  it('counts mutuals-only made wider as a change, and a direct message shown to mutuals too', () => {
    expect(differences({ status: 'hi', visibility: 'mutuals_only' }, status({ content: '<p>hi</p>', visibility: 'public' }))).toEqual(['visibility']);
    expect(differences({ status: 'hi', visibility: 'direct' }, status({ content: '<p>hi</p>', visibility: 'mutuals_only' }))).toEqual(['visibility']);
    expect(differences({ status: 'hi', visibility: 'mutuals_only' }, status({ content: '<p>hi</p>', visibility: 'direct' }))).toEqual([]);
  });
});

describe('what a post’s answer comes to', () => {
  const ctxWith = (routes: Parameters<typeof stubFetch>[0]) => {
    const stub = stubFetch(routes);
    return { ctx: { origin: 'https://x.social', fetch: stub.fetch }, calls: stub.calls };
  };
  const answered = (patch: Record<string, unknown> = {}) => ({
    id: '7', url: 'https://x.social/@a/7', uri: 'https://x.social/users/a/statuses/7', content: '<p>hello</p>', spoiler_text: '',
    created_at: '2026-11-30T10:00:00.000Z', visibility: 'unlisted', application: { name: CLIENT_NAME }, media_attachments: [], ...patch,
  });
  const draft = { ...emptyDraft('k', account.id, 0), text: 'hello' };
  const sent = () => toNewStatus(draft, account, 'en', MASTODON_PROFILE);

  it('one copy found: it is the post, with nothing said about copies', async () => {
    const { ctx, calls } = ctxWith({});
    const copy = { id: '7', url: 'https://x.social/@a/7', scheduled: false, scheduledAt: null };
    expect(await keepOne(ctx, account.token, [copy])).toEqual([{ ok: true, url: 'https://x.social/@a/7', scheduledAt: null }, '7']);
    expect(calls).toEqual([]);
  });

  it('where the server ignores the key and made no copies: the post, with nothing said about copies', async () => {
    const { ctx } = ctxWith({ 'POST /api/v1/statuses': { json: answered() }, [`GET /api/v1/accounts/${account.serverId}/statuses`]: { json: [answered()] } });
    expect(await publish(ctx, account, draft, sent(), 'k', false)).toEqual({ ok: true, outcome: { ok: true, url: 'https://x.social/@a/7', scheduledAt: null }, statusId: '7' });
  });

  it('a post the server altered and would not let go: said to be still there', async () => {
    const { ctx, calls } = ctxWith({ 'POST /api/v1/statuses': { json: answered({ content: '' }) }, 'DELETE /api/v1/statuses/7': { status: 500, json: {} } });
    expect(await publish(ctx, account, draft, sent(), 'k', true)).toEqual({ ok: false, error: { code: 'server-altered', differences: ['text'], deleted: false } });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v1/statuses', 'DELETE /api/v1/statuses/7']);
  });
});

describe('refusals read in the server’s own words', () => {
  const http = (status: number, error?: string) => new MastodonError({ kind: 'http', status, error, endpoint: 'x' });
  const pleroma = serverProfile({ name: 'pleroma', version: '2.7.0' }, '');

  it('a 403 from a server that answers a bad token so is a sign-in to renew, unless it names a missing scope', () => {
    expect(postErrorFrom(http(403, 'Invalid credentials.'), 'a', pleroma)).toEqual({ code: 'unauthorized', accountId: 'a' });
    expect(postErrorFrom(http(403, 'Insufficient permissions: write:statuses.'), 'a', pleroma)).toEqual({ code: 'forbidden', detail: 'Insufficient permissions: write:statuses.' });
    expect(postErrorFrom(http(403), 'a', pleroma)).toEqual({ code: 'unauthorized', accountId: 'a' });
  });

  it('too long, with the limit when the caller knows it; otherwise the server’s words as a refusal', () => {
    const tooLong = http(422, 'Validation failed: Text character limit of 500 exceeded');
    expect(postErrorFrom(tooLong, 'a', MASTODON_PROFILE, 500)).toEqual({ code: 'too-long', status: 422, detail: 'Validation failed: Text character limit of 500 exceeded', limit: 500 });
    expect(postErrorFrom(tooLong, 'a')).toEqual({ code: 'rejected', status: 422, detail: 'Validation failed: Text character limit of 500 exceeded' });
  });
});
