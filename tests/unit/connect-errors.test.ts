import { describe, expect, it } from 'vitest';
import { authWindowErrorFrom, connectErrorFrom } from '@/lib/connect/errors';
import { MastodonError } from '@/lib/mastodon/errors';

const origin = 'https://a.social';
const http = (status: number, extra: Partial<MastodonError['details']> = {}) =>
  new MastodonError({ kind: 'http', status, endpoint: 'GET /x', ...extra });

describe('what the person is told', () => {
  it.each([
    ['network failure', new MastodonError({ kind: 'network', endpoint: 'x' }), 'not-mastodon', { code: 'unreachable' }],
    ['time-out', new MastodonError({ kind: 'timeout', endpoint: 'x' }), 'not-mastodon', { code: 'unreachable', detail: 'timeout' }],
    ['429', http(429, { retryAt: '2030-01-01T00:00:00.000Z' }), 'sign-in-failed', { code: 'rate-limited', retryAt: '2030-01-01T00:00:00.000Z' }],
    ['5xx while probing', http(502), 'not-mastodon', { code: 'server-error', status: 502 }],
    ['503 on registration is a refusal (manual fallback offered)', http(503), 'registration-refused', { code: 'registration-refused', status: 503 }],
    ['404 while probing', http(404), 'not-mastodon', { code: 'not-mastodon', status: 404 }],
    ['HTML while probing', new MastodonError({ kind: 'not-json', status: 200, endpoint: 'x' }), 'not-mastodon', { code: 'not-mastodon' }],
    ['odd JSON elsewhere', new MastodonError({ kind: 'shape', status: 200, endpoint: 'x' }), 'verify-failed', { code: 'unexpected-response' }],
    ['server words kept', http(400, { error: 'invalid_grant', description: 'expired' }), 'sign-in-failed', { code: 'sign-in-failed', detail: 'expired' }],
    ['a bug of ours', new TypeError('x is undefined'), 'sign-in-failed', { code: 'unexpected-response' }],
  ] as const)('%s', (_name, error, step, expected) => {
    expect(connectErrorFrom(error, origin, step)).toMatchObject({ origin, ...expected });
  });

  it('no answer is "unreachable" and nothing more; a 500 is a server error, a 499 a refusal', () => {
    expect(connectErrorFrom(new MastodonError({ kind: 'network', endpoint: 'x' }), origin, 'sign-in-failed')).toEqual({ code: 'unreachable', origin });
    expect(connectErrorFrom(http(500), origin, 'sign-in-failed')).toMatchObject({ code: 'server-error', status: 500 });
    expect(connectErrorFrom(http(499), origin, 'sign-in-failed')).toMatchObject({ code: 'sign-in-failed', status: 499 });
  });

  it.each([
    ['The user did not approve access.', 'cancelled'], // Chrome
    ['User cancelled or denied access.', 'cancelled'], // Firefox
    ['Authorization page could not be loaded.', 'auth-page-failed'],
  ])('sign-in window: %s', (message, code) => {
    expect(authWindowErrorFrom(new Error(message), origin).code).toBe(code);
  });
});
