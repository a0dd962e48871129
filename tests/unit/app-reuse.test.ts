import { describe, expect, it, vi } from 'vitest';
import { usableRegistration } from '@/lib/connect/app-reuse';
import type { ClientContext } from '@/lib/mastodon/context';
import { createRegistrationCache, type RegistrationMap, type RegistrationTarget } from '@/lib/registrations';
import { memoryValue } from '@/lib/stored-value';

const origin = 'https://example.social';
const target: RegistrationTarget = { origin, redirectUri: 'https://id.chromiumapp.org/', scopes: 'read write' };
const DAY = 24 * 60 * 60 * 1000;

describe('reusing a cached app registration', () => {
  it('registers anew, instead of signing in with it, when the server answers the check of an app older than a day with 404', async () => {
    let clock = 0;
    let registered = 0;
    const register = vi.fn(async () => ({ clientId: `cid-${++registered}`, clientSecret: 'secret' }));
    const registrations = createRegistrationCache(memoryValue<RegistrationMap>({}), register, () => clock);
    await registrations.getOrRegister(target);
    clock = 2 * DAY;
    const asked: string[] = [];
    const ctx: ClientContext = {
      origin,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        asked.push(`${request.method} ${new URL(request.url).pathname}`);
        return new Response('<h1>Not found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } });
      },
    };
    const candidate = await usableRegistration({ registrations, now: () => clock }, ctx, target, undefined);
    expect(asked).toEqual(['POST /oauth/token']);
    expect(candidate).toEqual({ registration: expect.objectContaining({ clientId: 'cid-2' }), proven: true });
    expect((await registrations.list()).map((r) => r.clientId)).toEqual(['cid-2']);
  });
});
