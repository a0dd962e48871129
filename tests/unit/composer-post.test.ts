import { describe, expect, it } from 'vitest';
import { languageCode } from '@/lib/composer/language';
import { differences, essence, plainText, postErrorFrom, toNewStatus } from '@/lib/composer/post';
import { postLanguage } from '@/lib/composer/language';
import { emptyDraft } from '@/lib/composer/draft';
import { MastodonError } from '@/lib/mastodon/errors';
import type { Status } from '@/lib/mastodon/statuses';
import { MASTODON_PROFILE, serverProfile } from '@/lib/server-profile';
import { storedAccount } from '../helpers/stored-account';

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
