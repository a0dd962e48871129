import { expect, it } from 'vitest';
import { createUpdater, memoryValue } from '@/lib/stored-value';

it('serialises concurrent updates so none is lost', async () => {
  const store = memoryValue<number[]>([]);
  const update = createUpdater(store);
  await Promise.all(Array.from({ length: 10 }, (_, i) => update((list) => [...list, i])));
  expect((await store.getValue()).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

it('goes on after a failed update', async () => {
  const update = createUpdater(memoryValue(1));
  await expect(update(() => { throw new Error('boom'); })).rejects.toThrow('boom');
  expect(await update((n) => n + 1)).toBe(2);
});
