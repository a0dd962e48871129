import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBlobStore } from '@/lib/composer/blob-store';
import { verifyCredentials } from '@/lib/mastodon/accounts';
import { registerApp, reportedRedirectUris } from '@/lib/mastodon/apps';
import { fetchAuthServerMetadata } from '@/lib/mastodon/discovery';
import { clientCredentialsToken } from '@/lib/mastodon/oauth';
import { MAX_RESPONSE_BYTES } from '@/lib/mastodon/context';
import { DEFAULT_LIMITS, fetchInstance } from '@/lib/mastodon/instance';
import { uploadMedia } from '@/lib/mastodon/media';
import { createAccount, endpointExists, fetchRules, fetchSignUpInstance, validationDetails } from '@/lib/mastodon/signup';
import { deleteStatus, postStatus, type NewStatus } from '@/lib/mastodon/statuses';
import { uploadForm, UploadRedirected, UploadTransportError, type UploadAnswer, type UploadRequest, type UploadTransport } from '@/lib/mastodon/upload-transport';
import { failure } from '../helpers/mastodon-failure';
import { stubFetch } from '../helpers/stub-fetch';

const origin = 'https://example.social';

afterEach(() => {
  vi.useRealTimers();
});

describe('instance', () => {
  it('reads limits from v2 configuration', async () => {
    const { fetch } = stubFetch({
      'GET /api/v2/instance': {
        json: {
          domain: 'example.social',
          title: 'Example',
          version: '4.5.0',
          configuration: { statuses: { max_characters: 1000, max_media_attachments: 8, characters_reserved_per_url: 20 } },
          unknown_future_field: { deep: true },
        },
      },
    });
    const info = await fetchInstance({ origin, fetch });
    expect(info.version).toBe('4.5.0');
    expect(info.limits.maxCharacters).toBe(1000);
    expect(info.limits.maxMediaAttachments).toBe(8);
    expect(info.limits.charactersReservedPerUrl).toBe(20);
    expect(info.limits.pollMaxOptions).toBe(DEFAULT_LIMITS.pollMaxOptions);
  });

  it('falls back to v1 when v2 is missing, reading max_toot_chars (Pleroma/Akkoma)', async () => {
    const { fetch, calls } = stubFetch({
      'GET /api/v1/instance': { json: { uri: 'https://akkoma.example', title: 'Akkoma', version: '2.7.2 (compatible; Akkoma 3.13.2)', max_toot_chars: 5000 } },
    });
    const info = await fetchInstance({ origin, fetch });
    expect(calls.map((c) => c.path)).toEqual(['/api/v2/instance', '/api/v1/instance']);
    expect(info.version).toBe('2.7.2 (compatible; Akkoma 3.13.2)');
    expect(info.limits.maxCharacters).toBe(5000);
    expect(info.limits.maxMediaAttachments).toBe(4);
  });

  it('defaults limits that are missing, null or nonsense instead of failing', async () => {
    const { fetch, calls } = stubFetch({
      'GET /api/v2/instance': {
        json: { domain: 'x.social', configuration: { statuses: { max_characters: 'lots', max_media_attachments: null } }, registrations: 'yes' },
      },
    });
    const info = await fetchInstance({ origin, fetch });
    expect(info.limits.maxCharacters).toBe(500);
    expect(info.limits.maxMediaAttachments).toBe(4);
    // The v2 answer stands: nonsense in a part the limits don't need sends no one to v1.
    expect(calls.map((c) => c.path)).toEqual(['/api/v2/instance']);
  });

  it('one reading serves limits and sign-up: a v2 answer without `registrations` sends the sign-up (only) to v1', async () => {
    const { fetch, calls } = stubFetch({
      'GET /api/v2/instance': { json: { domain: 'x.social', version: '4.0.0', configuration: { statuses: { max_characters: 700 } } } },
      'GET /api/v1/instance': { json: { uri: 'x.social', title: 'X', version: '4.0.0', registrations: true, approval_required: true, languages: ['de'] } },
    });
    expect((await fetchInstance({ origin, fetch })).limits.maxCharacters).toBe(700);
    expect(calls.map((c) => c.path)).toEqual(['/api/v2/instance']);
    expect(await fetchSignUpInstance({ origin, fetch })).toMatchObject({ domain: 'x.social', title: 'X', enabled: true, approvalRequired: true, languages: ['de'], from: 'v1' });
    expect(calls.map((c) => c.path)).toEqual(['/api/v2/instance', '/api/v2/instance', '/api/v1/instance']);
  });

  it('says not-json for an HTML site, with the status', async () => {
    const { fetch } = stubFetch({
      'GET /api/v2/instance': { text: '<html>blog</html>' },
      'GET /api/v1/instance': { text: '<html>blog</html>' },
    });
    const error = await failure(fetchInstance({ origin, fetch }));
    expect(error.kind).toBe('not-json');
    expect(error.status).toBe(200);
  });

  it('does not fall back on a 503: the server is down, not old', async () => {
    const { fetch, calls } = stubFetch({ 'GET /api/v2/instance': { status: 503, text: 'Service Unavailable' } });
    const error = await failure(fetchInstance({ origin, fetch }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('asks for JSON, and sends no token and no body where the call has none', async () => {
    const { fetch, calls } = stubFetch({ 'GET /api/v2/instance': { json: { domain: 'example.social' } } });
    await fetchInstance({ origin, fetch });
    // An invalid or absent token must never ride along: Mastodon answers 401 to a bad token even on public endpoints.
    expect(calls[0]!.headers.get('authorization')).toBeNull();
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    expect(calls[0]!.headers.get('content-type')).toBeNull();
    expect(calls[0]!.body).toBeNull();
  });

  it('turns a network failure into kind network', async () => {
    const { fetch } = stubFetch({ 'GET /api/v2/instance': new TypeError('Failed to fetch') });
    expect((await failure(fetchInstance({ origin, fetch }))).kind).toBe('network');
  });

  it('turns a slow server into kind timeout', async () => {
    const fetch = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    expect((await failure(fetchInstance({ origin, fetch, timeoutMs: 20 }))).kind).toBe('timeout');
  });
});

describe('apps', () => {
  it('registers with a JSON body and newline-separated redirect URIs', async () => {
    const { fetch, calls } = stubFetch({
      'POST /api/v1/apps': { json: { id: '1', name: 'Fedipost', client_id: 'cid', client_secret: 'sec', vapid_key: 'k' } },
    });
    const app = await registerApp(
      { origin, fetch },
      { clientName: 'Fedipost', redirectUris: ['https://a.example/', 'https://b.example/'], scopes: 'read write', website: 'https://fedipost.app' },
    );
    expect(app).toMatchObject({ client_id: 'cid', client_secret: 'sec' });
    const call = calls[0]!;
    expect(call.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call.body ?? '')).toEqual({
      client_name: 'Fedipost',
      redirect_uris: 'https://a.example/\nhttps://b.example/',
      scopes: 'read write',
      website: 'https://fedipost.app',
    });
  });

  it("carries the server's 422 message", async () => {
    const { fetch } = stubFetch({
      'POST /api/v1/apps': { status: 422, json: { error: 'Validation failed: Redirect URI must be an absolute URI.' } },
    });
    const error = await failure(registerApp({ origin, fetch }, { clientName: 'F', redirectUris: ['x'], scopes: 'read' }));
    expect(error.status).toBe(422);
    expect(error.serverText).toBe('Validation failed: Redirect URI must be an absolute URI.');
  });

  it('rejects an answer without credentials as a shape error', async () => {
    const { fetch } = stubFetch({ 'POST /api/v1/apps': { json: { name: 'Fedipost' } } });
    expect((await failure(registerApp({ origin, fetch }, { clientName: 'F', redirectUris: ['x'], scopes: 'read' }))).kind).toBe('shape');
  });

  it('reads redirect URIs in both shapes servers use', () => {
    expect(reportedRedirectUris({ redirect_uris: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(reportedRedirectUris({ redirect_uri: 'a\nb' })).toEqual(['a', 'b']);
    expect(reportedRedirectUris({ name: 'x' })).toBeNull();
  });

  it('reads an empty list as not reported, and skips blank lines in redirect_uri', () => {
    expect(reportedRedirectUris({ redirect_uris: [], redirect_uri: 'a' })).toEqual(['a']);
    expect(reportedRedirectUris({ redirect_uris: [] })).toBeNull();
    expect(reportedRedirectUris({ redirect_uri: 'a\n\nb\n' })).toEqual(['a', 'b']);
  });
});

describe('verify_credentials', () => {
  it('sends the bearer token and tolerates missing optional fields', async () => {
    const { fetch, calls } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { json: { id: 42, username: 'alice' } } });
    const account = await verifyCredentials({ origin, fetch }, 'tok');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(account).toMatchObject({ id: '42', username: 'alice', display_name: '', avatar: null });
    expect(account.source).toEqual({ privacy: 'public', language: null, sensitive: false, quote_policy: null });
  });

  it('keeps the account source defaults, ignoring an unknown visibility', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': {
        json: { id: '1', username: 'bob', display_name: 'Bob', source: { privacy: 'local-only', language: 'de', sensitive: true } },
      },
    });
    const account = await verifyCredentials({ origin, fetch }, 'tok');
    expect(account.source).toEqual({ privacy: 'public', language: 'de', sensitive: true, quote_policy: null });
  });

  it('says in its message what failed, with the status and server text only where there are some', async () => {
    const refused = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { status: 401, json: { error: 'The access token is invalid' } } }).fetch;
    expect((await failure(verifyCredentials({ origin, fetch: refused }, 'bad'))).message).toBe(
      'GET /api/v1/accounts/verify_credentials: http 401 (The access token is invalid)',
    );
    const down = stubFetch({ 'GET /api/v1/accounts/verify_credentials': new TypeError('Failed to fetch') }).fetch;
    expect((await failure(verifyCredentials({ origin, fetch: down }, 't'))).message).toBe('GET /api/v1/accounts/verify_credentials: network');
  });

  it('gives the 401 with the server text', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { status: 401, json: { error: 'The access token is invalid' } },
    });
    const error = await failure(verifyCredentials({ origin, fetch }, 'bad'));
    expect(error.status).toBe(401);
    expect(error.serverText).toBe('The access token is invalid');
  });

  it('reports a 429 with the reset time from X-RateLimit-Reset', async () => {
    const reset = '2026-11-23T10:00:00.000Z';
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { status: 429, json: { error: 'Too many requests' }, headers: { 'X-RateLimit-Reset': reset } },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBe(reset);
  });

  it('reports a 429 with the time from Retry-After (seconds) where X-RateLimit-Reset is missing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { status: 429, json: { error: 'Too many requests' }, headers: { 'Retry-After': '90' } },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBe('2026-11-23T10:01:30.000Z');
  });

  it('reports a 429 with the time from Retry-After given as an HTTP date', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': {
        status: 429,
        json: { error: 'Too many requests' },
        headers: { 'Retry-After': 'Mon, 23 Nov 2026 10:05:00 GMT' },
      },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBe('2026-11-23T10:05:00.000Z');
  });

  it.each(['', '-5', '1.5', 'soon'])('names no time for a 429 whose Retry-After is %j', async (value) => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { status: 429, json: { error: 'Too many requests' }, headers: { 'Retry-After': value } },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBeUndefined();
  });

  it('names no time for a 429 that gives none (rather than "now")', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { status: 429, json: { error: 'Too many requests' } } });
    const error = await failure(verifyCredentials({ origin, fetch }, 't'));
    expect(error.status).toBe(429);
    expect(error.details.retryAt).toBeUndefined();
  });

  it('says network, with the status, when the connection drops while the answer is read', async () => {
    const fetch = (async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id": "1", "user'));
          controller.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const error = await failure(verifyCredentials({ origin, fetch }, 't'));
    expect(error.kind).toBe('network');
    expect(error.status).toBe(200);
  });

  it('reports an error answer with an empty body by its status', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { status: 503, text: '' } });
    const error = await failure(verifyCredentials({ origin, fetch }, 't'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
    expect(error.serverText).toBeUndefined();
  });

  it('reads a body of only whitespace as empty: a delete answered with " " (older Rails) succeeded', async () => {
    const { fetch, calls } = stubFetch({ 'DELETE /api/v1/statuses/9': { status: 200, text: ' ' } });
    await expect(deleteStatus({ origin, fetch }, 't', '9')).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['an error object (the Misskey family)', { error: { message: 'Invalid param.', code: 'INVALID_PARAM', id: '3d81ceae' } }, undefined],
    ['a blank error beside a description', { error: '  ', error_description: 'Validation failed' }, 'Validation failed'],
    ['a blank description beside an error', { error: 'Validation failed', error_description: ' ' }, 'Validation failed'],
  ])('shows only error texts: %s', async (_, json, shown) => {
    const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { status: 400, json } });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).serverText).toBe(shown);
  });

  it('names a time to retry only for a 429: every Mastodon answer carries X-RateLimit-Reset', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': {
        status: 422,
        json: { error: 'Validation failed' },
        headers: { 'X-RateLimit-Reset': '2026-11-23T10:00:00.000Z', 'Retry-After': '30' },
      },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBeUndefined();
  });

  it('falls back to Retry-After when X-RateLimit-Reset is not a time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00.000Z'));
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { status: 429, json: { error: 'Too many requests' }, headers: { 'X-RateLimit-Reset': 'soon', 'Retry-After': '60' } },
    });
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).details.retryAt).toBe('2026-11-23T10:01:00.000Z');
  });

  it('says malformed JSON is not-json rather than crashing', async () => {
    const fetch = (async () =>
      new Response('{"id": "1", "username": ', { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof globalThis.fetch;
    expect((await failure(verifyCredentials({ origin, fetch }, 't'))).kind).toBe('not-json');
  });
});

describe('discovery', () => {
  it('returns the metadata when served', async () => {
    const { fetch } = stubFetch({
      'GET /.well-known/oauth-authorization-server': { json: { issuer: origin, scopes_supported: ['read', 'write:media'] } },
    });
    expect((await fetchAuthServerMetadata({ origin, fetch }))?.scopes_supported).toEqual(['read', 'write:media']);
  });

  it('returns null where it is not served (older servers)', async () => {
    const { fetch } = stubFetch({});
    expect(await fetchAuthServerMetadata({ origin, fetch })).toBeNull();
  });

  it('fails rather than reading "not served" when the server cannot be reached or is too slow', async () => {
    const { fetch } = stubFetch({ 'GET /.well-known/oauth-authorization-server': new TypeError('Failed to fetch') });
    expect((await failure(fetchAuthServerMetadata({ origin, fetch }))).kind).toBe('network');
    const never = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    expect((await failure(fetchAuthServerMetadata({ origin, fetch: never, timeoutMs: 20 }))).kind).toBe('timeout');
  });
});

describe('token endpoint answers that are not tokens', () => {
  const app = { clientId: 'cid', clientSecret: 'sec' };
  const redirectUri = 'https://id.chromiumapp.org/';

  it('an HTML page with 200 is not-json, with the status', async () => {
    const { fetch } = stubFetch({ 'POST /oauth/token': { text: '<html>Welcome</html>' } });
    const error = await failure(clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri));
    expect(error.kind).toBe('not-json');
    expect(error.status).toBe(200);
  });

  it('truncated JSON with 200 is not-json', async () => {
    const fetch = (async () =>
      new Response('{"access_token": "tok", "tok', { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof globalThis.fetch;
    expect((await failure(clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri))).kind).toBe('not-json');
  });

  it('JSON without an access token is a shape error', async () => {
    const { fetch } = stubFetch({ 'POST /oauth/token': { json: { token_type: 'Bearer', scope: 'read' } } });
    expect((await failure(clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri))).kind).toBe('shape');
  });
});

describe('media uploads', () => {
  const upload = { fileId: 'f1', fileName: 'cat.png' };
  // The transport carries the upload; the client's fetch is not used.
  const ctx = { origin, fetch: stubFetch({}).fetch };
  const answering = (answer: UploadAnswer): UploadTransport => async () => answer;

  it('sends alt text and focus only when there are some', async () => {
    const files = memoryBlobStore();
    await files.put('f1', new Blob(['png'], { type: 'image/png' }));
    const sent: Array<{ request: UploadRequest; form: FormData }> = [];
    const transport: UploadTransport = async (request) => {
      sent.push({ request, form: (await uploadForm(files, request)).form });
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: '7', url: 'https://files.example/a.png' }) };
    };
    await uploadMedia(ctx, 'tok', upload, { transport });
    await uploadMedia(ctx, 'tok', { ...upload, description: 'A cat', focus: '0.5,-0.2' }, { transport });
    const fields = (form: FormData) => [...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : (value as File).name]);
    expect(fields(sent[0]!.form)).toEqual([['file', 'cat.png']]);
    expect(fields(sent[1]!.form)).toEqual([['description', 'A cat'], ['focus', '0.5,-0.2'], ['file', 'cat.png']]);
    expect(sent[0]!.request).toMatchObject({ url: 'https://example.social/api/v2/media', headers: { Accept: 'application/json', Authorization: 'Bearer tok' } });
  });

  it('an upload with no answer (connection lost) is network, not a cancel', async () => {
    const lost: UploadTransport = async () => {
      throw new UploadTransportError('No answer from the server');
    };
    const error = await failure(uploadMedia(ctx, 'tok', upload, { transport: lost }));
    expect(error.kind).toBe('network');
    expect(error.details.endpoint).toBe('POST /api/v2/media');
  });

  it('an upload that stops moving is a time-out, not a lost connection', async () => {
    const stalled: UploadTransport = (_request, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect((await failure(uploadMedia(ctx, 'tok', upload, { transport: stalled, stallMs: 20 }))).kind).toBe('timeout');
  });

  it('an upload the server redirects is redirected', async () => {
    const redirected: UploadTransport = async () => {
      throw new UploadRedirected('https://elsewhere.example/upload');
    };
    expect((await failure(uploadMedia(ctx, 'tok', upload, { transport: redirected }))).kind).toBe('redirected');
  });

  it('an answer of exactly the size cap is read', async () => {
    const json = JSON.stringify({ id: '1', url: 'https://files.example/a.png', pad: '' });
    const body = json.replace('"pad":""', `"pad":"${'x'.repeat(MAX_RESPONSE_BYTES - json.length)}"`);
    expect(body).toHaveLength(MAX_RESPONSE_BYTES);
    const exact = answering({ status: 200, headers: { 'Content-Type': 'application/json' }, body });
    expect((await uploadMedia(ctx, 'tok', upload, { transport: exact })).attachment.id).toBe('1');
  });

  it('an empty 204 answer is a shape error with its status, not a crash', async () => {
    const error = await failure(uploadMedia(ctx, 'tok', upload, { transport: answering({ status: 204, headers: {}, body: '' }) }));
    expect(error.kind).toBe('shape');
    expect(error.status).toBe(204);
  });

  it('an answer over the size cap is too-large, with the status', async () => {
    const huge = answering({ status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: '1', pad: 'x'.repeat(MAX_RESPONSE_BYTES) }) });
    const error = await failure(uploadMedia(ctx, 'tok', upload, { transport: huge }));
    expect(error.kind).toBe('too-large');
    expect(error.status).toBe(200);
  });
});

describe('sign-up endpoints', () => {
  const v2 = (registrations: Record<string, unknown>) =>
    stubFetch({ 'GET /api/v2/instance': { json: { domain: 'x.social', title: 'X', version: '4.4.0', registrations } } }).fetch;

  it('reads a v2 answer as v2, with a positive minimum age and none for 0', async () => {
    const older = await fetchSignUpInstance({ origin, fetch: v2({ enabled: true, min_age: 16 }) });
    expect(older).toMatchObject({ domain: 'x.social', enabled: true, minAge: 16, from: 'v2' });
    expect((await fetchSignUpInstance({ origin, fetch: v2({ enabled: true, min_age: 0 }) })).minAge).toBeNull();
  });

  it('reads the domain from a v1 uri with or without scheme and trailing slash', async () => {
    for (const [uri, domain] of [
      ['https://x.social/', 'x.social'],
      ['http://127.0.0.1:3000', '127.0.0.1:3000'],
      ['x.social', 'x.social'],
    ]) {
      const { fetch } = stubFetch({ 'GET /api/v1/instance': { json: { uri, title: 'X', version: '3.5.0', registrations: true } } });
      expect((await fetchSignUpInstance({ origin, fetch })).domain).toBe(domain);
    }
  });

  it('tells a policy page that exists from one that does not, and fails when the server cannot be reached', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/instance/privacy_policy': { json: { updated_at: '2026-01-01T00:00:00Z', content: '<p>We keep little.</p>' } } });
    expect(await endpointExists({ origin, fetch }, '/api/v1/instance/privacy_policy')).toBe(true);
    expect(await endpointExists({ origin, fetch }, '/api/v1/instance/terms_of_service')).toBe(false);
    // A server that answers every path with some JSON has no policy page for it.
    const catchAll = stubFetch({ 'GET /api/v1/instance/terms_of_service': { json: { error: 'Record not found' } } }).fetch;
    expect(await endpointExists({ origin, fetch: catchAll }, '/api/v1/instance/terms_of_service')).toBe(false);
    const down = stubFetch({ 'GET /api/v1/instance/terms_of_service': new TypeError('Failed to fetch') }).fetch;
    expect((await failure(endpointExists({ origin, fetch: down }, '/api/v1/instance/terms_of_service'))).kind).toBe('network');
    const never = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    expect((await failure(endpointExists({ origin, fetch: never, timeoutMs: 20 }, '/api/v1/instance/terms_of_service'))).kind).toBe('timeout');
  });

  it('reads field errors only from a 422, and only for the fields Fedipost sends', async () => {
    const request = { username: 'alice', email: 'a@b.example', password: 'pw', agreement: true };
    const { fetch } = stubFetch({
      'POST /api/v1/accounts': {
        status: 422,
        json: {
          error: 'Validation failed: Username has already been taken',
          details: {
            username: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
            note: [{ error: 'ERR_TOO_LONG', description: 'is too long' }],
          },
        },
      },
    });
    const invalid = validationDetails(await failure(createAccount({ origin, fetch }, 'app-token', request)));
    expect(invalid).toEqual({
      fields: { username: [{ code: 'ERR_TAKEN', description: 'has already been taken' }] },
      summary: 'Validation failed: Username has already been taken',
    });
    const busy = stubFetch({ 'POST /api/v1/accounts': { status: 503, json: { error: 'Try later' } } }).fetch;
    expect(validationDetails(await failure(createAccount({ origin, fetch: busy }, 'app-token', request)))).toBeNull();
  });

  it('reads no rules where the server has no rules endpoint', async () => {
    const { fetch } = stubFetch({});
    expect(await fetchRules({ origin, fetch })).toEqual([]);
  });

  it('a 422 without a readable body gives no field errors and an empty summary', async () => {
    const { fetch } = stubFetch({ 'POST /api/v1/accounts': { status: 422, text: '<html>Unprocessable</html>' } });
    const error = await failure(createAccount({ origin, fetch }, 'app-token', { username: 'alice', email: 'a@b.example', password: 'pw', agreement: true }));
    expect(error.status).toBe(422);
    expect(validationDetails(error)).toEqual({ fields: {}, summary: '' });
  });
});

describe('posting a status', () => {
  const posted = { id: '1', url: 'https://example.social/@alice/1', content: '<p>Hello</p>' };
  const sent = async (post: NewStatus) => {
    const { fetch, calls } = stubFetch({ 'POST /api/v1/statuses': { json: posted } });
    await postStatus({ origin, fetch }, 'tok', post, 'key-1');
    return { body: JSON.parse(calls[0]!.body ?? '') as unknown, headers: calls[0]!.headers };
  };
  const nothingElse = {
    spoilerText: '',
    language: null,
    contentType: null,
    sensitive: false,
    localOnly: false,
    mediaIds: [],
    poll: null,
    scheduledAt: null,
    quotedStatusId: null,
    quotePolicy: null,
    inReplyToId: null,
  } as const;

  it('sends a plain post as its text and visibility only, with the draft’s key', async () => {
    const { body, headers } = await sent({ status: 'Hello', visibility: 'unlisted', ...nothingElse });
    expect(body).toEqual({ status: 'Hello', visibility: 'unlisted' });
    expect(headers.get('idempotency-key')).toBe('key-1');
    expect(headers.get('authorization')).toBe('Bearer tok');
  });

  it('sends every part a post has, and marks a post with a warning sensitive', async () => {
    const { body } = await sent({
      status: 'Hello',
      visibility: 'public',
      spoilerText: 'Spoilers',
      language: 'de',
      contentType: 'text/markdown',
      localOnly: true,
      mediaIds: ['m1', 'm2'],
      poll: { options: ['a', 'b'], expiresIn: 3600, multiple: true },
      scheduledAt: '2026-12-01T10:00:00.000Z',
      quotedStatusId: 'q1',
      quotePolicy: 'followers',
      inReplyToId: 'r1',
    });
    expect(body).toEqual({
      status: 'Hello',
      visibility: 'public',
      spoiler_text: 'Spoilers',
      sensitive: true,
      language: 'de',
      content_type: 'text/markdown',
      local_only: true,
      media_ids: ['m1', 'm2'],
      poll: { options: ['a', 'b'], expires_in: 3600, multiple: true },
      scheduled_at: '2026-12-01T10:00:00.000Z',
      quoted_status_id: 'q1',
      quote_approval_policy: 'followers',
      in_reply_to_id: 'r1',
    });
  });
});
