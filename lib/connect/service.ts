import * as z from 'zod/mini';
import { connect, saveManualRegistration, type ConnectDeps, type ConnectRequest } from './flow';
import { abandonInterruptedFlows } from './pending-flows';
import { CONNECT_ERROR_CODES, CONNECT_PHASES, type ConnectStatus } from '../messages';
import type { Checked } from '../stored-check';
import type { StoredValue } from '../stored-value';

const ConnectStatusSchema = z.union([
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('running'), phase: z.enum(CONNECT_PHASES), input: z.string(), origin: z.optional(z.string()) }),
  z.object({ state: z.literal('done'), accountId: z.string() }),
  z.object({
    state: z.literal('failed'),
    input: z.string(),
    error: z.object({
      // A code the UI can't word (an older version's) makes the outcome unreadable.
      code: z.enum(CONNECT_ERROR_CODES),
      origin: z.optional(z.string()),
      detail: z.optional(z.string()),
      status: z.optional(z.number()),
      retryAt: z.optional(z.string()),
      scopes: z.optional(z.string()),
    }),
  }),
]);

/** storage.session: an outcome that can't be read is no outcome to show. */
export function checkConnectStatus(raw: unknown): Checked<ConnectStatus> {
  const parsed = ConnectStatusSchema.safeParse(raw);
  return { value: parsed.success ? parsed.data : { state: 'idle' }, broken: [] };
}

export interface ConnectServiceDeps extends Omit<ConnectDeps, 'onProgress'> {
  /** The latest outcome, in storage.session: a reopened popup shows it. */
  status: StoredValue<ConnectStatus>;
  /** Tells open UI surfaces; fails silently when none is open. */
  broadcast(status: ConnectStatus): void;
}

/**
 * The background's one connect at a time: the popup closes as soon as the sign-in
 * window takes focus, so the worker owns the flow, records each step and the outcome,
 * and refuses a second flow while one is waiting for the person.
 */
export function createConnectService(deps: ConnectServiceDeps) {
  let running = false;

  const publish = async (status: ConnectStatus) => {
    await deps.status.setValue(status);
    deps.broadcast(status);
  };

  return {
    async start(request: ConnectRequest): Promise<ConnectStatus> {
      if (running) return { state: 'failed', input: request.input, error: { code: 'busy' } };
      running = true;
      try {
        await publish({ state: 'running', phase: 'checking', input: request.input });
        const outcome = await connect({ ...deps, onProgress: (status) => void publish(status) }, request);
        await publish(outcome);
        return outcome;
      } finally {
        running = false;
      }
    },

    /** Worker start-up: a flow the previous worker was running can't finish. */
    async recover(): Promise<void> {
      const abandoned = await abandonInterruptedFlows(deps.pendingFlows);
      const last = await deps.status.getValue();
      if (abandoned.length === 0 && last.state !== 'running') return;
      const input = last.state === 'running' ? last.input : '';
      await publish({ state: 'failed', input, error: { code: 'interrupted', origin: abandoned[0]?.origin } });
    },

    status: () => deps.status.getValue(),

    saveManualRegistration: (request: Required<ConnectRequest>) => saveManualRegistration(deps, request),

    async dismiss(): Promise<void> {
      if (!running) await publish({ state: 'idle' });
    },
  };
}
export type ConnectService = ReturnType<typeof createConnectService>;
