import * as z from 'zod/mini';
import { checkQuietRecord, type Checked } from '../stored-check';
import { createUpdater, type StoredValue } from '../stored-value';

/** A sign-in in progress, kept in storage.session so a restarted worker can tell. */
export interface PendingFlow {
  origin: string;
  verifier: string;
  registrationKey: string;
  startedAt: number;
}
export type PendingFlows = Record<string, PendingFlow>;

const PendingFlowSchema = z.object({ origin: z.string(), verifier: z.string(), registrationKey: z.string(), startedAt: z.number() });

/** storage.session: a damaged entry is a sign-in that can't finish, as after a restart. */
export function checkPendingFlows(raw: unknown): Checked<PendingFlows> {
  return { value: checkQuietRecord(raw, PendingFlowSchema), broken: [] };
}

// Concurrent sign-ins share the pending-flows value: one serialised updater per store.
const pendingUpdaters = new WeakMap<StoredValue<PendingFlows>, (change: (flows: PendingFlows) => PendingFlows) => Promise<PendingFlows>>();
export async function updatePending(pendingFlows: StoredValue<PendingFlows>, change: (flows: PendingFlows) => PendingFlows): Promise<void> {
  let update = pendingUpdaters.get(pendingFlows);
  if (!update) {
    update = createUpdater(pendingFlows);
    pendingUpdaters.set(pendingFlows, update);
  }
  await update(change);
}

/**
 * At worker start-up: sign-ins that a previous worker left unfinished can't complete
 * (their window's answer went to a worker that no longer exists). Forget them and say
 * so, rather than leave anything half-connected.
 */
export async function abandonInterruptedFlows(pendingFlows: StoredValue<PendingFlows>): Promise<PendingFlow[]> {
  const flows = Object.values(await pendingFlows.getValue());
  if (flows.length > 0) await pendingFlows.setValue({});
  return flows;
}
