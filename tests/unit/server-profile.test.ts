import { describe, expect, it } from 'vitest';
import { countPost } from '@/lib/composer/count';
import { remainingCharacters } from '@/lib/composer/rules';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import { fetchSoftware } from '@/lib/mastodon/nodeinfo';
import { serverProfile, type ServerFamily } from '@/lib/server-profile';
import { stubFetch } from '../helpers/stub-fetch';

describe('knowing the server', () => {
  it.each<[string, { name: string; version: string } | null, string, ServerFamily]>([
    ['NodeInfo first', { name: 'gotosocial', version: '0.17.3' }, '0.17.3+git-1573cd', 'gotosocial'],
    ['NodeInfo: Akkoma', { name: 'akkoma', version: '3.13.2' }, '2.7.2 (compatible; Akkoma 3.13.2)', 'akkoma'],
    ['NodeInfo: a Misskey fork', { name: 'sharkey', version: '2024.3.3' }, '3.0.0 (compatible; Sharkey 2024.3.3)', 'misskey'],
    ['NodeInfo says mastodon, the version says glitch', { name: 'mastodon', version: '4.3.0+glitch' }, '4.3.0+glitch', 'glitch'],
    ['the version string: Pleroma', null, '2.7.2 (compatible; Pleroma 2.5.0)', 'pleroma'],
    ['the version string: snac', null, '4.0.0 (not true; really snac/2.94)', 'snac'],
    ['the version string: Friendica', null, '2.8.0 (compatible; Friendica 2023.03-dev)', 'friendica'],
    ['the version string: Hometown', null, '4.0.15+hometown-1.1.1', 'hometown'],
    ['nothing says otherwise', null, '4.5.0', 'mastodon'],
    ['an unknown NodeInfo name falls back to the version string', { name: 'someserver', version: '1' }, '4.0.0 (not true; really snac/2.94)', 'snac'],
  ])('%s', (_, software, version, family) => {
    expect(serverProfile(software, version).family).toBe(family);
  });

  it.each<[string, { name: string; version: string } | null, string, { altText: boolean } | null]>([
    ['Mastodon before 3.5: no editing', { name: 'mastodon', version: '3.4.6' }, '3.4.6', null],
    ['Mastodon 3.5–4.0: editing, alt text not', { name: 'mastodon', version: '4.0.2' }, '4.0.2', { altText: false }],
    ['Mastodon 4.1+: media_attributes', { name: 'mastodon', version: '4.1.0' }, '4.1.0', { altText: true }],
    ['glitch-soc by its Mastodon version', { name: 'mastodon', version: '4.3.0+glitch' }, '4.3.0+glitch', { altText: true }],
    ['Hometown by its instance version', { name: 'hometown', version: '1.1.1' }, '4.0.15+hometown-1.1.1', { altText: false }],
    ['GoToSocial', { name: 'gotosocial', version: '0.19.0' }, '0.19.0', { altText: true }],
    ['Akkoma: text only', { name: 'akkoma', version: '3.13.2' }, '2.7.2 (compatible; Akkoma 3.13.2)', { altText: false }],
    ['Pleroma: text only', null, '2.7.2 (compatible; Pleroma 2.5.0)', { altText: false }],
    ['Hollo: text only', { name: 'hollo', version: '0.6.0' }, '4.0.0 (compatible; Hollo 0.6.0)', { altText: false }],
    ['Sharkey: none', { name: 'sharkey', version: '2024.3.3' }, '3.0.0 (compatible; Sharkey 2024.3.3)', null],
    ['snac: not offered', null, '4.0.0 (not true; really snac/2.94)', null],
  ])('editing published posts — %s', (_, software, version, editing) => {
    expect(serverProfile(software, version).editing).toEqual(editing);
  });

  it('reads the NodeInfo 2.x document that /.well-known/nodeinfo links on the same origin', async () => {
    const origin = 'https://gts.example';
    const { fetch } = stubFetch({
      'GET /.well-known/nodeinfo': {
        json: {
          links: [
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${origin}/nodeinfo/2.0` },
          { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: 'https://elsewhere.example/nodeinfo/2.1' },
          ],
        },
      },
      'GET /nodeinfo/2.0': { json: { version: '2.0', software: { name: 'GoToSocial', version: '0.17.3' } } },
    });
    expect(await fetchSoftware({ origin, fetch })).toEqual({ name: 'gotosocial', version: '0.17.3' });
  });

  it('reads the newest 2.x document where a server links several', async () => {
    const origin = 'https://akkoma.example';
    const { fetch, calls } = stubFetch({
      'GET /.well-known/nodeinfo': {
        json: {
          links: [
            { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${origin}/nodeinfo/2.0.json` },
            { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: `${origin}/nodeinfo/2.1.json` },
          ],
        },
      },
      'GET /nodeinfo/2.0.json': { json: { version: '2.0', software: { name: 'akkoma', version: '3.13.2' } } },
      'GET /nodeinfo/2.1.json': { json: { version: '2.1', software: { name: 'akkoma', version: '3.13.2', repository: 'https://akkoma.dev/AkkomaGang/akkoma' } } },
    });
    expect(await fetchSoftware({ origin, fetch })).toEqual({ name: 'akkoma', version: '3.13.2' });
    expect(calls.map((c) => c.path)).toEqual(['/.well-known/nodeinfo', '/nodeinfo/2.1.json']);
  });

  it('follows only NodeInfo 2.x links, not 1.0 nor the application actor (FEP-2677) beside them', async () => {
    const origin = 'https://events.example';
    const { fetch, calls } = stubFetch({
      'GET /.well-known/nodeinfo': {
        json: {
          links: [
            { rel: 'http://nodeinfo.diaspora.software/ns/schema/1.0', href: `${origin}/nodeinfo/1.0` },
            { rel: 'https://www.w3.org/ns/activitystreams#Application', href: `${origin}/actor` },
            { rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${origin}/nodeinfo/2.0` },
          ],
        },
      },
      'GET /nodeinfo/2.0': { json: { version: '2.0', software: { name: 'mobilizon', version: '5.1.0' } } },
    });
    expect(await fetchSoftware({ origin, fetch })).toEqual({ name: 'mobilizon', version: '5.1.0' });
    expect(calls.map((c) => c.path)).toEqual(['/.well-known/nodeinfo', '/nodeinfo/2.0']);
  });

  it('reads no software where NodeInfo links only documents on another host', async () => {
    const origin = 'https://gts.example';
    const { fetch, calls } = stubFetch({
      'GET /.well-known/nodeinfo': {
        json: { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: 'https://elsewhere.example/nodeinfo/2.0' }] },
      },
    });
    expect(await fetchSoftware({ origin, fetch })).toBeNull();
    expect(calls.map((c) => c.path)).toEqual(['/.well-known/nodeinfo']);
  });

  it('takes a server without NodeInfo for what its version string says', async () => {
    const { fetch } = stubFetch({});
    expect(await fetchSoftware({ origin: 'https://snac.example', fetch })).toBeNull();
  });
});

/**
 * The counter agrees with each family on what it will refuse: per family, the count of
 * each case and whether Post stays enabled at the limit and one over (limit 500, 23 per URL).
 */
describe.each<[ServerFamily, { url: number; family: number; cw: number; mention: number }]>([
  // 60-character URL; 👨‍👩‍👧 (5 code points, 1 grapheme); "abc" + warning "warn"; "@bob@remote.example".
  ['mastodon', { url: 23, family: 1, cw: 7, mention: 4 }],
  ['glitch', { url: 23, family: 1, cw: 7, mention: 4 }],
  ['gotosocial', { url: 60, family: 5, cw: 7, mention: 19 }],
  ['pleroma', { url: 60, family: 1, cw: 7, mention: 19 }],
  ['akkoma', { url: 60, family: 1, cw: 7, mention: 19 }],
  ['misskey', { url: 60, family: 5, cw: 3, mention: 19 }],
  ['snac', { url: 60, family: 5, cw: 7, mention: 19 }],
  ['friendica', { url: 60, family: 5, cw: 7, mention: 19 }],
])('counting like %s', (family, expected) => {
  const rule = serverProfileOf(family).counting;
  const count = (text: string, spoilerText = '') => countPost({ text, spoilerText, charactersReservedPerUrl: 23, rule });
  const draft = (text: string) => ({ text, spoilerEnabled: false, spoilerText: '' });

  it('at the limit Post stays enabled; one over it is refused', () => {
    expect(remainingCharacters(draft('a'.repeat(500)), DEFAULT_LIMITS, rule)).toBe(0);
    expect(remainingCharacters(draft('a'.repeat(501)), DEFAULT_LIMITS, rule)).toBe(-1);
  });
  it('a URL', () => expect(count(`https://example.com/${'x'.repeat(40)}`)).toBe(expected.url));
  it('an emoji with joiners', () => expect(count('👨‍👩‍👧')).toBe(expected.family));
  it('a content warning', () => expect(count('abc', 'warn')).toBe(expected.cw));
  it('a remote mention', () => expect(count('@bob@remote.example')).toBe(expected.mention));
});

describe('own sign-up page', () => {
  it.each<[ServerFamily, string]>([
    ['mastodon', '/auth/sign_up'],
    ['glitch', '/auth/sign_up'],
    ['gotosocial', '/signup'],
    ['pleroma', '/registration'],
    ['akkoma', '/registration'],
  ])('%s has it at %s', (family, path) => expect(serverProfileOf(family).signUpPath).toBe(path));
});

function serverProfileOf(family: ServerFamily) {
  const names: Record<ServerFamily, [string, string]> = {
    mastodon: ['mastodon', '4.5.0'],
    glitch: ['mastodon', '4.3.0+glitch'],
    hometown: ['hometown', '1.1.1'],
    gotosocial: ['gotosocial', '0.17.3'],
    pleroma: ['pleroma', '2.5.0'],
    akkoma: ['akkoma', '3.13.2'],
    misskey: ['sharkey', '2024.3.3'],
    snac: ['snac', '2.94'],
    friendica: ['friendica', '2024.12'],
    hollo: ['hollo', '0.6.0'],
  };
  const [name, version] = names[family];
  const profile = serverProfile({ name, version }, version);
  expect(profile.family).toBe(family);
  return profile;
}
