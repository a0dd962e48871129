import { defineExtensionMessaging } from '@webext-core/messaging';
import { BROADCASTS, type Backend, type ProtocolMap, type RequestHandlers, type RequestName, type Subscriptions } from '@/lib/messages';

/** The typed UI ↔ background channel; every surface uses this one instance of the protocol. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** The background registers every request's handler here, in one loop. */
export function registerHandlers(handlers: RequestHandlers): void {
  for (const name of Object.keys(handlers) as RequestName[]) {
    // One name at a time is not a type TypeScript can follow through the loop; the
    // object itself is checked against RequestHandlers, name by name.
    const handle = handlers[name] as (data: unknown) => unknown;
    onMessage(name, ({ data }) => handle(data) as never);
  }
}

function capitalize(name: string): string {
  return name[0]!.toUpperCase() + name.slice(1);
}

/**
 * What a UI surface uses to reach the background: each request is the message of the
 * same name, each `on…` a subscription to a broadcast. Built from the protocol, so no
 * surface lists the messages; `extras` adds what a surface does without the background.
 */
export function createBackend<Extras extends object = object>(extras = {} as Extras): Backend & Extras {
  const subscriptions = Object.fromEntries(
    BROADCASTS.map((name) => [`on${capitalize(name)}`, (listener: (data: never) => void) => onMessage(name, ({ data }) => listener(data as never))]),
  ) as unknown as Subscriptions;
  const own: object = { ...subscriptions, ...extras };
  return new Proxy(own as Backend & Extras, {
    get(target, name) {
      if (typeof name === 'symbol' || name in target) return target[name as keyof typeof target];
      // `await` and Promise.resolve look for `then`: this object must not look like a promise.
      if (name === 'then') return undefined;
      return (data?: unknown) => sendMessage(name as RequestName, data as never);
    },
  });
}
