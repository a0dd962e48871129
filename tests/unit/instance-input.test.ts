import { describe, expect, it } from 'vitest';
import { parseInstanceInput, type InstanceInputProblem } from '@/lib/instance-input';
import { isLoopbackHost } from '@/lib/web-url';

describe('parseInstanceInput accepts', () => {
  it.each<[input: string, origin: string, host: string, username?: string]>([
    ['example.social', 'https://example.social', 'example.social'],
    ['EXAMPLE.social/', 'https://example.social', 'example.social'],
    ['  example.social  ', 'https://example.social', 'example.social'],
    ['https://example.social', 'https://example.social', 'example.social'],
    ['HTTPS://Example.Social', 'https://example.social', 'example.social'],
    ['https://fosstodon.org/', 'https://fosstodon.org', 'fosstodon.org'],
    ['https://example.social/@bob', 'https://example.social', 'example.social', 'bob'],
    ['https://example.social/@bob/', 'https://example.social', 'example.social', 'bob'],
    ['https://example.social/@bob/1234567', 'https://example.social', 'example.social', 'bob'],
    ['https://example.social/users/bob', 'https://example.social', 'example.social', 'bob'],
    ['example.social/@bob', 'https://example.social', 'example.social', 'bob'],
    ['https://example.social/@bob?lang=en#top', 'https://example.social', 'example.social', 'bob'],
    ['https://example.social/@bob.smith_2', 'https://example.social', 'example.social', 'bob.smith_2'],
    ['https://example.social/@bob@other.social', 'https://example.social', 'example.social'],
    ['@alice@example.social', 'https://example.social', 'example.social', 'alice'],
    ['alice@example.social', 'https://example.social', 'example.social', 'alice'],
    ['@alice@EXAMPLE.social', 'https://example.social', 'example.social', 'alice'],
    ['alice@localhost:3000', 'http://localhost:3000', 'localhost:3000', 'alice'],
    ['example.social:8443', 'https://example.social:8443', 'example.social:8443'],
    ['example.social:8443/@bob', 'https://example.social:8443', 'example.social:8443', 'bob'],
    ['https://example.social:443', 'https://example.social', 'example.social'],
    ['https://bücher.example', 'https://xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['bücher.example', 'https://xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000', '127.0.0.1:3000'],
    ['http://localhost:3000', 'http://localhost:3000', 'localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000', '[::1]:3000'],
    ['https://localhost:3000', 'https://localhost:3000', 'localhost:3000'],
    ['127.0.0.1:3000', 'http://127.0.0.1:3000', '127.0.0.1:3000'],
    ['localhost:3000', 'http://localhost:3000', 'localhost:3000'],
    ['[::1]:3000', 'http://[::1]:3000', '[::1]:3000'],
    ['127.0.0.1:443', 'http://127.0.0.1:443', '127.0.0.1:443'],
    ['https://203.0.113.5', 'https://203.0.113.5', '203.0.113.5'],
    ['203.0.113.5', 'https://203.0.113.5', '203.0.113.5'],
    ['https://[2001:db8::1]:8443', 'https://[2001:db8::1]:8443', '[2001:db8::1]:8443'],
  ])('%s → %s', (input, origin, host, username) => {
    expect(parseInstanceInput(input)).toStrictEqual(
      username === undefined ? { ok: true, origin, host } : { ok: true, origin, host, username },
    );
  });
});

describe('parseInstanceInput rejects', () => {
  it.each<[input: string, problem: InstanceInputProblem]>([
    ['', 'empty'],
    ['   \t\n ', 'empty'],
    ['http://example.social', 'insecure'],
    ['http://example.social/@bob', 'insecure'],
    ['http://203.0.113.5', 'insecure'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['JavaScript:alert(1)', 'unsupported-scheme'],
    ['ftp://x.org', 'unsupported-scheme'],
    ['mailto:alice@example.social', 'unsupported-scheme'],
    ['data:text/html,<p>hi</p>', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['chrome://extensions', 'unsupported-scheme'],
    ['https://user:pw@example.social', 'credentials'],
    ['https://user@example.social', 'credentials'],
    ['https://example.social/about', 'not-a-profile-path'],
    ['https://example.social/explore', 'not-a-profile-path'],
    ['example.social/about', 'not-a-profile-path'],
    ['https://example.social/@', 'not-a-profile-path'],
    ['https://example.social/@bob/statuses/1', 'not-a-profile-path'],
    ['https://example.social/@b%C3%B6b', 'not-a-profile-path'],
    ['exa mple.social', 'invalid-host'],
    ['https://example.social/@bob x', 'invalid-host'],
    ['foo', 'invalid-host'],
    ['https://foo', 'invalid-host'],
    ['http://foo', 'invalid-host'],
    ['@alice', 'invalid-host'],
    ['@localhost', 'invalid-host'],
    ['alice@', 'invalid-host'],
    ['al!ce@example.social', 'invalid-host'],
    ['https://', 'invalid-host'],
    ['https:', 'invalid-host'],
    ['..', 'invalid-host'],
    ['example..social', 'invalid-host'],
    ['example.social.', 'invalid-host'],
    ['-example.social', 'invalid-host'],
    ['exa_mple.social', 'invalid-host'],
    ['example.social:99999', 'invalid-host'],
    ['1.2.3.256', 'invalid-host'],
  ])('%j → %s', (input, problem) => {
    expect(parseInstanceInput(input)).toStrictEqual({ ok: false, problem });
  });
});

describe('isLoopbackHost', () => {
  it.each<[hostname: string, loopback: boolean]>([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.255.10.2', true],
    ['::1', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['127.0.0', false],
    ['localhost.example', false],
    ['example.social', false],
    ['[2001:db8::1]', false],
  ])('%s → %s', (hostname, loopback) => {
    expect(isLoopbackHost(hostname)).toBe(loopback);
  });
});
