import { STATUS_CODES } from 'node:http';
import { html, json, type Outcome, type Reply } from './http.ts';
import { throttledHeaders } from './rate-limit.ts';
import type { Fault } from './types.ts';

/** Mastodon's wording where it has one; the HTTP reason phrase otherwise. */
const ERROR_MESSAGES: Record<number, string> = {
  401: 'The access token is invalid',
  403: 'This action is not allowed',
  404: 'Record not found',
  422: 'Validation failed',
  429: 'Too many requests',
  503: 'There was a temporary problem serving your request, please try again',
};

const WILDCARD = '* *';

export interface FaultTable {
  set(route: string, fault: Fault | null): void;
  clear(): void;
  /** The fault for this request, counting it against `times`. */
  take(method: string, path: string): Fault | undefined;
}

export function createFaultTable(): FaultTable {
  const faults = new Map<string, Fault>();
  return {
    set(route, fault) {
      if (!/^(\*|[A-Z]+) (\*|\/\S*)$/.test(route)) throw new Error(`Fault route must look like "POST /api/v1/apps" or "* *", got "${route}"`);
      if (fault === null) faults.delete(route);
      else faults.set(route, { ...fault });
    },
    clear() {
      faults.clear();
    },
    take(method, path) {
      const exact = `${method} ${path}`;
      // The wildcard spares CORS preflights, so that "times" counts the requests a client makes.
      const route = faults.has(exact) ? exact : method !== 'OPTIONS' && faults.has(WILDCARD) ? WILDCARD : undefined;
      const fault = route === undefined ? undefined : faults.get(route);
      if (route === undefined || fault === undefined) return undefined;
      if (fault.after) {
        fault.after -= 1;
        return undefined;
      }
      if (fault.times !== undefined) {
        fault.times -= 1;
        if (fault.times <= 0) faults.delete(route);
      }
      return fault;
    },
  };
}

/** Waits out the fault's delay, then gives its reply ('drop': none at all), or undefined to let the route's stand. */
export async function applyFault(fault: Fault): Promise<Outcome | undefined> {
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.drop) return 'drop';
  if (fault.redirectTo) {
    return { status: fault.status ?? 307, headers: { Location: fault.redirectTo }, contentType: 'text/html; charset=utf-8', body: '' };
  }
  if (fault.malformed) return { status: 200, contentType: 'application/json; charset=utf-8', body: '{"id":"1","name":"Fake Mast' };
  if (fault.html) {
    return html(
      200,
      '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>Welcome to our website</h1><p>Nothing to see here.</p></body></html>\n',
    );
  }
  if (fault.status === undefined) return undefined;
  const body = fault.body ?? { error: ERROR_MESSAGES[fault.status] ?? STATUS_CODES[fault.status] ?? 'Error' };
  return json(fault.status, body, fault.status === 429 ? throttledHeaders(Date.now()) : undefined);
}

/** The route's JSON object answer with the fault's `patch` and `padBytes` applied (other answers as they are). */
export function reshapeReply(reply: Reply, fault: Fault): Reply {
  if (!fault.patch && !fault.padBytes) return reply;
  const text = typeof reply.body === 'string' ? reply.body : new TextDecoder().decode(reply.body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reply;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return reply;
  const reshaped = { ...value, ...fault.patch, ...(fault.padBytes ? { padding: 'x'.repeat(fault.padBytes) } : {}) };
  return { ...reply, body: JSON.stringify(reshaped) };
}
