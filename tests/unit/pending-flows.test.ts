import { describe, expect, it } from 'vitest';
import { checkPendingFlows, updatePending, type PendingFlow, type PendingFlows } from '@/lib/connect/pending-flows';
import { memoryValue } from '@/lib/stored-value';

const flow = (origin: string): PendingFlow => ({ origin, verifier: `verifier of ${origin}`, registrationKey: `key of ${origin}`, startedAt: 1 });

describe('sign-ins under way (storage.session)', () => {
  it('keeps both of two sign-ins started at once: updates to one store take turns', async () => {
    const store = memoryValue<PendingFlows>({});
    await Promise.all([
      updatePending(store, (flows) => ({ ...flows, a: flow('https://a.example') })),
      updatePending(store, (flows) => ({ ...flows, b: flow('https://b.example') })),
    ]);
    expect(await store.getValue()).toEqual({ a: flow('https://a.example'), b: flow('https://b.example') });
  });

  it("drops a damaged entry without a note to show (a sign-in that can't finish), keeping the others", () => {
    const raw = { good: flow('https://a.example'), damaged: { origin: 'https://b.example', verifier: 7 } };
    expect(checkPendingFlows(raw)).toEqual({ value: { good: flow('https://a.example') }, broken: [] });
  });
});
