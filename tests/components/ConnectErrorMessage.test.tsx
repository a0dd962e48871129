// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { ConnectErrorMessage } from '@/components/ConnectErrorMessage';
import type { ConnectError, ConnectErrorCode } from '@/lib/messages';

afterEach(cleanup);

const origin = 'https://example.social';

function sentence(error: ConnectError, input = 'example.social'): string {
  render(<ConnectErrorMessage error={error} input={input} />);
  return screen.getByRole('alert').textContent ?? '';
}

describe('ConnectErrorMessage', () => {
  it.each([
    ['empty', 'Type the address of your server, like mastodon.social.'],
    ['unsupported-scheme', "That is not a web address. Type your server's address, like mastodon.social."],
    ['insecure', 'Fedipost only connects over https:// (plain http:// is allowed only for this computer).'],
    ['credentials', "Leave the user name and password out of the address: you sign in on your server's own page."],
    [
      'not-a-profile-path',
      'That address points to a page, not to a server or a profile. Type just the server, like mastodon.social.',
    ],
    ['invalid-host', 'That is not a valid server name. Check it for typos.'],
  ])('explains the input problem %s', (detail, expected) => {
    expect(sentence({ code: 'invalid-input', detail })).toBe(expected);
  });

  it('has a plain sentence for an input problem it does not know', () => {
    expect(sentence({ code: 'invalid-input', detail: 'something-new' })).toBe(
      "Fedipost can't use that address. Check it for typos.",
    );
  });

  const cases: [ConnectErrorCode, ConnectError, string][] = [
    ['unreachable', { code: 'unreachable', origin }, "Can't reach example.social. Check the address and your connection."],
    ['not-mastodon', { code: 'not-mastodon', origin, status: 404 }, "example.social doesn't look like a Mastodon-compatible server."],
    [
      'registration-refused',
      { code: 'registration-refused', origin, status: 503, detail: 'Registrations are closed' },
      'example.social refused to register Fedipost (HTTP 503: “Registrations are closed”). You can retry, or use app credentials you create yourself.',
    ],
    [
      'manual-credentials-rejected',
      { code: 'manual-credentials-rejected', origin },
      "example.social didn't accept that client key and secret. Check both on the app's page under Preferences → Development.",
    ],
    ['cancelled', { code: 'cancelled', origin }, 'Sign-in was cancelled.'],
    [
      'auth-page-failed',
      { code: 'auth-page-failed', origin, detail: 'Authorization page could not be loaded.' },
      "The sign-in page of example.social couldn't be loaded or has expired. Please try again.",
    ],
    [
      'state-mismatch',
      { code: 'state-mismatch', origin },
      'Sign-in was stopped for your safety: the answer that came back was not for the request Fedipost sent to example.social. Nothing was connected. Please try again.',
    ],
    [
      'sign-in-failed',
      { code: 'sign-in-failed', origin, status: 400, detail: 'The provided authorization grant is invalid.' },
      'example.social refused the sign-in (HTTP 400: “The provided authorization grant is invalid.”). Please try again.',
    ],
    [
      'verify-failed',
      { code: 'verify-failed', origin, status: 403 },
      "You signed in, but example.social didn't return your account details (HTTP 403). Please try again.",
    ],
    [
      'rate-limited',
      { code: 'rate-limited', origin, status: 429 },
      'example.social is limiting requests for now. Wait a few minutes, then try again.',
    ],
    [
      'server-error',
      { code: 'server-error', origin, status: 502 },
      'example.social had a problem on its side (HTTP 502). Try again in a moment.',
    ],
    [
      'unexpected-response',
      { code: 'unexpected-response', origin, detail: 'ZodError: id expected string' },
      "example.social sent an answer Fedipost doesn't understand, so it may not be fully Mastodon-compatible.",
    ],
    [
      'response-too-large',
      { code: 'response-too-large', origin },
      "example.social sent an answer far larger than a Mastodon server sends (over 1 MB), so Fedipost stopped reading it. Nothing was connected.",
    ],
    [
      'redirected',
      { code: 'redirected', origin, status: 307 },
      "example.social tried to send the sign-in somewhere else (a redirect). Fedipost doesn't follow redirects with your credentials, so nothing was sent there. Nothing was connected.",
    ],
    [
      'unsupported-token-type',
      { code: 'unsupported-token-type', origin, detail: 'mac' },
      "example.social gave a kind of sign-in token Fedipost can't use (mac). Nothing was connected.",
    ],
    ['interrupted', { code: 'interrupted', origin }, 'Sign-in was interrupted. Please try again.'],
    ['busy', { code: 'busy' }, 'Another sign-in is already in progress.'],
  ];

  it.each(cases)('explains %s', (_code, error, expected) => {
    expect(sentence(error)).toBe(expected);
  });

  it('has a case for every error code', () => {
    const all: Record<ConnectErrorCode, true> = {
      'invalid-input': true,
      unreachable: true,
      'not-mastodon': true,
      'registration-refused': true,
      'manual-credentials-rejected': true,
      cancelled: true,
      'auth-page-failed': true,
      'state-mismatch': true,
      'sign-in-failed': true,
      'verify-failed': true,
      'rate-limited': true,
      'server-error': true,
      'unexpected-response': true,
      'response-too-large': true,
      redirected: true,
      'unsupported-token-type': true,
      interrupted: true,
      busy: true,
    };
    expect(new Set([...cases.map(([code]) => code), 'invalid-input'])).toEqual(new Set(Object.keys(all)));
  });

  it('quotes the server with its words only, or its status only', () => {
    expect(sentence({ code: 'registration-refused', origin, detail: 'Closed for maintenance' })).toBe(
      'example.social refused to register Fedipost (“Closed for maintenance”). You can retry, or use app credentials you create yourself.',
    );
    cleanup();
    expect(sentence({ code: 'registration-refused', origin, status: 403 })).toBe(
      'example.social refused to register Fedipost (HTTP 403). You can retry, or use app credentials you create yourself.',
    );
    cleanup();
    expect(sentence({ code: 'manual-credentials-rejected', origin, status: 401, detail: 'invalid_client' })).toBe(
      "example.social didn't accept that client key and secret (HTTP 401: “invalid_client”). Check both on the app's page under Preferences → Development.",
    );
    cleanup();
    expect(sentence({ code: 'server-error', origin })).toBe('example.social had a problem on its side. Try again in a moment.');
    cleanup();
    expect(sentence({ code: 'sign-in-failed', origin })).toBe('example.social refused the sign-in. Please try again.');
    cleanup();
    expect(sentence({ code: 'verify-failed', origin })).toBe(
      "You signed in, but example.social didn't return your account details. Please try again.",
    );
  });

  it('keeps a non-default port in the server name', () => {
    expect(sentence({ code: 'unreachable', origin: 'http://127.0.0.1:8443' })).toBe(
      "Can't reach 127.0.0.1:8443. Check the address and your connection.",
    );
  });

  it('names the server by what was typed when the origin is not known yet', () => {
    expect(sentence({ code: 'unreachable' }, '@alice@example.social')).toBe(
      "Can't reach @alice@example.social. Check the address and your connection.",
    );
  });

  it('gives the retry time of a rate limit as a local time', () => {
    const retryAt = new Date(Date.now() + 10 * 60_000);
    retryAt.setSeconds(0, 0);
    const local = new Intl.DateTimeFormat('en', {
      ...(retryAt.toDateString() === new Date().toDateString() ? {} : { dateStyle: 'medium' }),
      timeStyle: 'short',
    }).format(retryAt);
    expect(sentence({ code: 'rate-limited', origin, retryAt: retryAt.toISOString() })).toBe(
      `example.social is limiting requests for now. Try again after ${local}.`,
    );
  });

  it('adds the date when the retry time is not today', () => {
    const retryAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const text = sentence({ code: 'rate-limited', origin, retryAt: retryAt.toISOString() });
    expect(text).toContain(String(retryAt.getFullYear()));
  });

  it('ignores a retry time it cannot read', () => {
    expect(sentence({ code: 'rate-limited', origin, retryAt: 'soon' })).toBe(
      'example.social is limiting requests for now. Wait a few minutes, then try again.',
    );
  });
});
