import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineItem } from '@/utils/storage-item';

/**
 * The storage items keep WXT's format (value under the key, `{ v }` under `key$`): what
 * earlier versions of Fedipost stored must read the same, and migrate the same.
 */
beforeEach(() => fakeBrowser.reset());

const v3 = () =>
  defineItem<{ n: number; added: string[] }>('local:thing', {
    fallback: { n: 0, added: [] },
    version: 3,
    migrations: {
      2: (v1: { n: number }) => ({ ...v1, added: ['v2'] }),
      3: (v2: { n: number; added: string[] }) => ({ ...v2, added: [...v2.added, 'v3'] }),
    },
  });

describe('a storage item', () => {
  it('reads its fallback while nothing is stored, and what was written after', async () => {
    const item = v3();
    expect(await item.getValue()).toEqual({ n: 0, added: [] });
    await item.setValue({ n: 1, added: [] });
    expect(await item.getValue()).toEqual({ n: 1, added: [] });
    // The first write of a new item records its version: it is never migrated as a v1.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ thing: { n: 1, added: [] }, thing$: { v: 3 } });
  });

  it.each([
    ['without a version (read as 1)', {}],
    ['with version 1', { thing$: { v: 1 } }],
  ])('migrates a value stored %s through every step, once', async (_, meta) => {
    await fakeBrowser.storage.local.set({ thing: { n: 7 }, ...meta });
    const item = v3();
    expect(await item.getValue()).toEqual({ n: 7, added: ['v2', 'v3'] });
    expect(await item.getMeta()).toEqual({ v: 3 });
    await item.migrate();
    expect(await item.getValue()).toEqual({ n: 7, added: ['v2', 'v3'] });
  });

  it('runs only the steps above the stored version, keeping other meta fields', async () => {
    await fakeBrowser.storage.local.set({ thing: { n: 7, added: ['old'] }, thing$: { v: 2, other: true } });
    const item = v3();
    expect(await item.getValue()).toEqual({ n: 7, added: ['old', 'v3'] });
    expect(await fakeBrowser.storage.local.get('thing$')).toEqual({ thing$: { v: 3, other: true } });
  });

  it('leaves a value from a newer version alone (and says so in the console)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ thing: { n: 9, added: ['v9'] }, thing$: { v: 9 } });
    expect(await v3().getValue()).toEqual({ n: 9, added: ['v9'] });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('tells watchers of changes, with the fallback for a removed value, and not of an equal write', async () => {
    const item = defineItem<string[]>('session:list', { fallback: [], version: 1 });
    const seen: Array<[string[], string[]]> = [];
    const stop = item.watch((value, old) => seen.push([value, old]));
    await item.setValue(['a']);
    await fakeBrowser.storage.session.set({ list: ['a'] });
    await fakeBrowser.storage.session.remove('list');
    await fakeBrowser.storage.local.set({ list: ['elsewhere'] });
    stop();
    await item.setValue(['b']);
    expect(seen).toEqual([
      [['a'], []],
      [[], ['a']],
    ]);
  });
});
