import { describe, expect, it } from 'vitest';
import { verifyCredentials } from '@/lib/mastodon/accounts';
import { MAX_RESPONSE_BYTES } from '@/lib/mastodon/context';
import { fetchInstance } from '@/lib/mastodon/instance';
import { getMedia, previewOf } from '@/lib/mastodon/media';
import { clientCredentialsToken } from '@/lib/mastodon/oauth';
import { postStatus } from '@/lib/mastodon/statuses';
import { webUrl } from '@/lib/web-url';
import { failure } from '../helpers/mastodon-failure';
import { stubFetch } from '../helpers/stub-fetch';

const origin = 'https://example.social';
const app = { clientId: 'cid', clientSecret: 'sec' };
const redirectUri = 'https://id.chromiumapp.org/';
const post = { status: 'Hello', visibility: 'public' } as const;

/** A body of `bytes` streamed in 64 KB chunks, with no Content-Length. */
function endlessJson(bytes: number): typeof globalThis.fetch {
  return (async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof globalThis.fetch;
}

describe('answers larger than 1 MB', () => {
  it('are refused when Content-Length announces them', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(MAX_RESPONSE_BYTES) });
    const { fetch } = stubFetch({ 'GET /api/v2/instance': { json: JSON.parse(big) } });
    const counted: typeof globalThis.fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set('Content-Length', String(big.length));
      return new Response(response.body, { status: response.status, headers });
    };
    expect((await failure(fetchInstance({ origin, fetch: counted }))).kind).toBe('too-large');
  });

  it('are cut off while streaming when nothing announced their size', async () => {
    const error = await failure(verifyCredentials({ origin, fetch: endlessJson(64 * MAX_RESPONSE_BYTES) }, 'tok'));
    expect(error.kind).toBe('too-large');
  });

  it('are cut off on the OAuth endpoints too', async () => {
    const error = await failure(clientCredentialsToken({ origin, fetch: endlessJson(4 * MAX_RESPONSE_BYTES) }, app, 'read', redirectUri));
    expect(error.kind).toBe('too-large');
  });

  it('leave answers just under the cap alone', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { json: { id: '1', username: 'alice', note: 'x'.repeat(MAX_RESPONSE_BYTES - 100) } },
    });
    expect((await verifyCredentials({ origin, fetch }, 'tok')).username).toBe('alice');
  });
});

describe('redirects of requests that carry a token', () => {
  it('are not followed, and say so', async () => {
    const { fetch, calls } = stubFetch({
      'POST /api/v1/statuses': { status: 307, headers: { Location: 'https://elsewhere.example/api/v1/statuses' } },
    });
    const seen: RequestInit[] = [];
    const recording: typeof globalThis.fetch = (input, init) => {
      seen.push(init ?? {});
      return fetch(input, init);
    };
    const error = await failure(postStatus({ origin, fetch: recording }, 'tok', post, 'key-1'));
    expect(error.kind).toBe('redirected');
    expect(error.status).toBe(307);
    expect(seen[0]?.redirect).toBe('manual');
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/statuses']);
  });

  it('count as redirected when the browser hides them (an opaque redirect)', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null } as unknown as Response;
    const error = await failure(verifyCredentials({ origin, fetch: (async () => opaque) as typeof globalThis.fetch }, 'tok'));
    expect(error.kind).toBe('redirected');
  });

  it('are not followed on the token endpoint either', async () => {
    const { fetch } = stubFetch({ 'POST /oauth/token': { status: 307, headers: { Location: 'https://elsewhere.example/oauth/token' } } });
    expect((await failure(clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri))).kind).toBe('redirected');
  });
});

describe('links and images from a server', () => {
  it('keep https, and http only on loopback', () => {
    expect(webUrl('https://example.social/@alice/1')).toBe('https://example.social/@alice/1');
    expect(webUrl('http://127.0.0.1:3000/@alice/1')).toBe('http://127.0.0.1:3000/@alice/1');
    expect(webUrl('http://localhost/a.png')).toBe('http://localhost/a.png');
    for (const unsafe of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'http://example.social/a', 'ftp://x.example/a', '/relative', '']) {
      expect(webUrl(unsafe)).toBeNull();
    }
  });

  it('drop a javascript: status url, so no "View post" link is made of it', async () => {
    const { fetch } = stubFetch({ 'POST /api/v1/statuses': { json: { id: '1', url: 'javascript:alert(document.cookie)', content: '<p>Hello</p>' } } });
    const result = await postStatus({ origin, fetch }, 'tok', post, 'key-1');
    expect(result.kind === 'status' && result.status.url).toBeNull();
  });

  it('drop an unsafe avatar', async () => {
    const { fetch } = stubFetch({
      'GET /api/v1/accounts/verify_credentials': { json: { id: '1', username: 'alice', avatar: 'javascript:alert(1)', url: 'data:,x' } },
    });
    expect(await verifyCredentials({ origin, fetch }, 'tok')).toMatchObject({ avatar: null, url: null });
  });

  it('drop an unsafe media preview, falling back to a safe url or none', async () => {
    const media = (fields: Record<string, unknown>) =>
      stubFetch({ 'GET /api/v1/media/9': { json: { id: '9', type: 'image', ...fields } } }).fetch;
    const read = async (fields: Record<string, unknown>) => previewOf((await getMedia({ origin, fetch: media(fields) }, 'tok', '9')).attachment);
    expect(await read({ url: 'https://files.example/a.png', preview_url: 'javascript:alert(1)' })).toBe('https://files.example/a.png');
    expect(await read({ url: 'javascript:alert(1)', preview_url: 'javascript:alert(2)' })).toBeNull();
    expect(await read({ url: 'https://files.example/a.png', preview_url: 'https://files.example/s.png' })).toBe('https://files.example/s.png');
  });
});

describe('usernames a server reports', () => {
  it.each([
    ['a newline and an @', 'alice\n@evil.example'],
    ['an @', 'alice@evil.example'],
    ['a space', 'alice smith'],
    ['nothing', ''],
  ])('are refused with %s', async (_what, username) => {
    const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { json: { id: '1', username, acct: 'alice' } } });
    expect((await failure(verifyCredentials({ origin, fetch }, 'tok'))).kind).toBe('shape');
  });

  it('are refused when acct is not the username (with a domain at most)', async () => {
    const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { json: { id: '1', username: 'alice', acct: 'alice\n@x' } } });
    expect((await failure(verifyCredentials({ origin, fetch }, 'tok'))).kind).toBe('shape');
  });

  it('are accepted as Mastodon allows them, acct with or without a domain', async () => {
    for (const [username, acct] of [
      ['alice', 'alice'],
      ['a.b-c_d', 'a.b-c_d@example.social'],
      ['bob', 'bob@127.0.0.1:3000'],
    ]) {
      const { fetch } = stubFetch({ 'GET /api/v1/accounts/verify_credentials': { json: { id: '1', username, acct } } });
      expect((await verifyCredentials({ origin, fetch }, 'tok')).username).toBe(username);
    }
  });
});

describe('token types', () => {
  it.each(['mac', 'DPoP'])('refuse a %s token with its own error kind', async (tokenType) => {
    const { fetch } = stubFetch({ 'POST /oauth/token': { json: { access_token: 'tok', token_type: tokenType, scope: 'read' } } });
    const error = await failure(clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri));
    expect(error.kind).toBe('token-type');
    expect(error.details.error?.toLowerCase()).toBe(tokenType.toLowerCase());
  });

  it('accept Bearer in any case', async () => {
    const { fetch } = stubFetch({ 'POST /oauth/token': { json: { access_token: 'tok', token_type: 'BEARER', scope: 'read' } } });
    expect((await clientCredentialsToken({ origin, fetch }, app, 'read', redirectUri)).accessToken).toBe('tok');
  });
});
