import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodons, statusesPerServer } from './several.ts';
import { request, userToken } from './test-client.ts';
import type { FakeMastodon } from './types.ts';

let servers: FakeMastodon[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('several test servers (cross-posting)', () => {
  it('are separate instances: own origin, own accounts and statuses; a fault hits only its server', async () => {
    servers = await startFakeMastodons(2);
    const [a, b] = servers as [FakeMastodon, FakeMastodon];
    expect(a.origin).not.toBe(b.origin);
    const [tokenA, tokenB] = [await userToken(a), await userToken(b)];
    // A token of one server means nothing to the other.
    expect((await request(b, 'GET', '/api/v1/accounts/verify_credentials', tokenA)).status).toBe(401);
    b.setFault('POST /api/v1/statuses', { status: 503 });
    expect((await request(a, 'POST', '/api/v1/statuses', tokenA, { status: 'on A' })).status).toBe(200);
    expect((await request(b, 'POST', '/api/v1/statuses', tokenB, { status: 'on B' })).status).toBe(503);
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 0 });
    b.setFault('POST /api/v1/statuses', null);
    expect((await request(b, 'POST', '/api/v1/statuses', tokenB, { status: 'on B' })).status).toBe(200);
    expect(statusesPerServer(servers)).toEqual({ [a.host]: 1, [b.host]: 1 });
    expect(a.statuses[0]!.url.startsWith(a.origin)).toBe(true);
    expect(b.statuses[0]!.url.startsWith(b.origin)).toBe(true);
  });

  it('take options per server', async () => {
    servers = await startFakeMastodons(2, [{ limits: { maxCharacters: 500 } }, { limits: { maxCharacters: 300 } }]);
    expect(servers.map((s) => s.limits.maxCharacters)).toEqual([500, 300]);
  });
});
