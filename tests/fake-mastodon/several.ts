import { startFakeMastodon } from './server.ts';
import type { FakeMastodon, FakeMastodonOptions } from './types.ts';

/**
 * Several independent servers at once, for cross-posting: each has its own port (so its
 * own origin and instance), its own accounts, statuses and media, and its own faults —
 * `servers[1].setFault(...)` hits that server only, as an outage of one instance would.
 */
export async function startFakeMastodons(count: number, options: FakeMastodonOptions | FakeMastodonOptions[] = {}): Promise<FakeMastodon[]> {
  const each = (index: number) => (Array.isArray(options) ? (options[index] ?? {}) : options);
  const started = await Promise.allSettled(Array.from({ length: count }, (_, index) => startFakeMastodon(each(index))));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // None is left listening when one could not start.
    await Promise.all(servers.map((s) => s.close()));
    throw failed.reason;
  }
  return servers;
}

/** How many statuses each server holds, by host: what a cross-posting test compares. */
export function statusesPerServer(servers: readonly FakeMastodon[]): Record<string, number> {
  return Object.fromEntries(servers.map((s) => [s.host, s.statuses.length]));
}
