import { browser } from 'wxt/browser';
import { describe, expect, it, vi } from 'vitest';
import { createRegistrationCache, registrationKey, type RegistrationMap } from '@/lib/registrations';
import { memoryValue } from '@/lib/stored-value';
import { registrationsItem } from '@/entrypoints/background/storage-items';

const target = { origin: 'https://a.social', redirectUri: 'https://id.chromiumapp.org/', scopes: 'read write' };

function setup(store = memoryValue<RegistrationMap>({})) {
  let n = 0;
  const register = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    n += 1;
    return { clientId: `client-${n}`, clientSecret: `secret-${n}` };
  });
  return { cache: createRegistrationCache(store, register, () => 1000), register, store };
}

describe('registration cache', () => {
  it('registers once, then reuses the cached app', async () => {
    const { cache, register } = setup();
    const first = await cache.getOrRegister(target);
    const second = await cache.getOrRegister(target);
    expect(first.fresh).toBe(true);
    expect(second).toEqual({ registration: first.registration, fresh: false });
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('shares one registration among concurrent connects to one instance', async () => {
    const { cache, register } = setup();
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.getOrRegister(target)));
    expect(register).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.registration.clientId))).toEqual(new Set(['client-1']));
  });

  it('keeps both when two instances register at the same time', async () => {
    const { cache } = setup();
    await Promise.all([cache.getOrRegister(target), cache.getOrRegister({ ...target, origin: 'https://b.social' })]);
    expect((await cache.list()).map((r) => r.origin).sort()).toEqual(['https://a.social', 'https://b.social']);
  });

  it('keys by origin, redirect URI and scopes: another browser needs its own app', async () => {
    const { cache, register } = setup();
    await cache.getOrRegister(target);
    await cache.getOrRegister({ ...target, redirectUri: 'https://x.extensions.allizom.org/' });
    await cache.getOrRegister({ ...target, scopes: 'read:accounts write:statuses' });
    expect(register).toHaveBeenCalledTimes(3);
  });

  it('remembers when the server last knew an app: at registration, when checked, and forgets it when in doubt', async () => {
    let now = 1000;
    const store = memoryValue<RegistrationMap>({});
    const cache = createRegistrationCache(store, async () => ({ clientId: 'c', clientSecret: 's' }), () => now);
    const { registration } = await cache.getOrRegister(target);
    expect(registration.checkedAt).toBe(1000);
    now = 5000;
    await cache.markChecked(registration.key, true);
    expect((await cache.get(registration.key))?.checkedAt).toBe(5000);
    await cache.markChecked(registration.key, false);
    expect(await cache.get(registration.key)).not.toHaveProperty('checkedAt');
    // Credentials typed by hand are unproven until their caller checks them.
    expect((await cache.saveManual({ ...target, origin: 'https://b.social' }, { clientId: 'm', clientSecret: 'n' })).checkedAt).toBeUndefined();
    await cache.markChecked('no such key', true);
    expect(await cache.list()).toHaveLength(2);
  });

  it('registers anew after a drop', async () => {
    const { cache, register } = setup();
    const { registration } = await cache.getOrRegister(target);
    await cache.drop(registration.key);
    expect(await cache.get(registration.key)).toBeUndefined();
    expect((await cache.getOrRegister(target)).fresh).toBe(true);
    expect(register).toHaveBeenCalledTimes(2);
  });

  it('lists the registrations oldest first', async () => {
    const entry = (origin: string, createdAt: number) => ({
      key: registrationKey({ ...target, origin }), ...target, origin, clientId: origin, clientSecret: 's', createdAt, manual: false,
    });
    const stored = [entry('https://b.social', 2000), entry('https://c.social', 3000), entry('https://a.social', 1000)];
    const { cache } = setup(memoryValue<RegistrationMap>(Object.fromEntries(stored.map((r) => [r.key, r]))));
    expect((await cache.list()).map((r) => r.origin)).toEqual(['https://a.social', 'https://b.social', 'https://c.social']);
  });

  it('drops all', async () => {
    const { cache } = setup();
    await cache.getOrRegister(target);
    await cache.getOrRegister({ ...target, origin: 'https://b.social' });
    await cache.dropAll();
    expect(await cache.list()).toEqual([]);
  });

  it('uses manual credentials like a cached registration', async () => {
    const { cache, register } = setup();
    const manual = await cache.saveManual(target, { clientId: 'mine', clientSecret: 'shh' });
    expect(manual).toMatchObject({ key: registrationKey(target), manual: true, clientId: 'mine', createdAt: 1000 });
    expect(await cache.getOrRegister(target)).toEqual({ registration: manual, fresh: false });
    expect(register).not.toHaveBeenCalled();
  });

  it('lets a failed registration be tried again', async () => {
    const store = memoryValue<RegistrationMap>({});
    const register = vi.fn().mockRejectedValueOnce(new Error('503')).mockResolvedValueOnce({ clientId: 'c', clientSecret: 's' });
    const cache = createRegistrationCache(store, register);
    await expect(cache.getOrRegister(target)).rejects.toThrow('503');
    expect((await cache.getOrRegister(target)).registration.clientId).toBe('c');
  });

  it('persists in storage.local through the versioned WXT item', async () => {
    const { cache } = setup(registrationsItem);
    await cache.getOrRegister(target);
    const stored = await browser.storage.local.get('registrations');
    expect(Object.values(stored.registrations as RegistrationMap)[0]).toMatchObject({ origin: 'https://a.social', clientId: 'client-1' });
    expect(await browser.storage.sync.get(null)).toEqual({});
  });
});
