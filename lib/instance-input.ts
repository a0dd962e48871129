import { isLoopbackHost } from './web-url';

/**
 * What a person types into "Your instance" → the canonical origin we connect to.
 * Pure and browser-free: the WHATWG `URL` parser does the heavy lifting (lowercasing,
 * punycode for IDNs, dropping default ports, normalising IP literals); the rules here
 * decide which of its answers are safe to send credentials to.
 */

export type InstanceInputProblem =
  | 'empty'
  | 'unsupported-scheme'
  | 'insecure'
  | 'credentials'
  | 'not-a-profile-path'
  | 'invalid-host';

export type InstanceInput =
  | {
      ok: true;
      /** Scheme + host + non-default port, no trailing slash: "https://example.social". */
      origin: string;
      /** Hostname plus non-default port, as in the origin: "example.social", "localhost:3000". */
      host: string;
      /** The local account the input named (`@alice@host`, `alice@host`, `https://host/@alice`). */
      username?: string;
    }
  | { ok: false; problem: InstanceInputProblem };

// A leading "word:" is a scheme unless a port follows it: "localhost:3000" and
// "example.social:8443/@bob" are hosts, "javascript:alert(1)" and "https://" are not.
const SCHEME = /^([a-z][a-z0-9+.-]*):(.*)$/is;
const PORT_AFTER_HOST = /^\d+(?:[/?#]|$)/;
const ACCT = /^@?([^@/?#]+)@([^@/?#]*)$/;
// Mastodon's Account::USERNAME_RE; other servers' local names fit it too.
const USERNAME = /^[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?$/i;

/**
 * A local username as Mastodon allows it. The same rule holds for names a server reports
 * (verify_credentials): one with a newline or an `@` would become a misleading account id.
 */
export function isValidUsername(name: string): boolean {
  return USERNAME.test(name);
}
// /@user, /@user/<status id>, /users/user. A remote profile seen through this instance
// (/@user@elsewhere) still identifies this instance, so the domain part is captured apart.
const PROFILE_PATH = /^\/(?:@([^/@]+)(@[^/]+)?(?:\/[a-z0-9]+)?|users\/([^/]+))\/?$/i;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// After URL parsing, an IPv4 host is always canonical dotted decimal.
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export function parseInstanceInput(input: string): InstanceInput {
  const text = input.trim();
  if (text === '') return fail('empty');

  const scheme = schemeOf(text);
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return fail('unsupported-scheme');
  // The URL parser silently drops tabs/newlines and percent-encodes spaces, which would
  // turn "exa mple.social" or a half-pasted line into some other address.
  if (/\s/.test(text)) return fail('invalid-host');

  if (scheme === undefined) {
    const acct = ACCT.exec(text);
    if (acct) {
      const [, username = '', authority = ''] = acct;
      // The problem set has no username code: an acct with an unusable name is an unusable address.
      if (!USERNAME.test(username)) return fail('invalid-host');
      const located = locate(authority, undefined);
      return located.ok ? { ...located, username } : located;
    }
    // "@alice" names nobody's server; without this, "@localhost" would parse as a host.
    if (text.startsWith('@')) return fail('invalid-host');
  }
  return locate(text, scheme);
}

function locate(text: string, scheme: string | undefined): InstanceInput {
  const url = parseUrl(text, scheme);
  if (!url) return fail('invalid-host');
  if (url.username !== '' || url.password !== '') return fail('credentials');
  if (!isUsableHostname(url.hostname)) return fail('invalid-host');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return fail('insecure');

  const found = { ok: true as const, origin: url.origin, host: url.host };
  if (url.pathname === '/') return found;
  const profile = PROFILE_PATH.exec(url.pathname);
  if (!profile) return fail('not-a-profile-path');
  const [, atName, remoteDomain, usersName] = profile;
  const username = atName ?? usersName ?? '';
  if (!USERNAME.test(username)) return fail('not-a-profile-path');
  // /@bob@other.social is bob's profile on other.social, not an account on this instance.
  return remoteDomain === undefined ? { ...found, username } : found;
}

function schemeOf(text: string): string | undefined {
  const match = SCHEME.exec(text);
  if (!match || PORT_AFTER_HOST.test(match[2] ?? '')) return undefined;
  return match[1]?.toLowerCase();
}

function parseUrl(text: string, scheme: string | undefined): URL | undefined {
  if (scheme !== undefined) return tryUrl(text);
  const guess = tryUrl(`https://${text}`);
  // Without a scheme, a loopback host is a local test or demo server, which speaks plain
  // http. Re-parsed rather than patched so a typed port keeps its meaning for http.
  return guess && isLoopbackHost(guess.hostname) ? tryUrl(`http://${text}`) : guess;
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** IP literals were validated by the URL parser; names need real DNS labels and a dot. */
function isUsableHostname(hostname: string): boolean {
  if (hostname.startsWith('[') || IPV4.test(hostname) || hostname === 'localhost') return true;
  const labels = hostname.split('.');
  return hostname.length <= 253 && labels.length >= 2 && labels.every((label) => DNS_LABEL.test(label));
}

function fail(problem: InstanceInputProblem): InstanceInput {
  return { ok: false, problem };
}
