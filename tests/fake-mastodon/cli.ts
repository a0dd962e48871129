/**
 * Starts fake Mastodon servers for the demo or manual testing:
 * node tests/fake-mastodon/cli.ts [--port N] [--dialect NAME] [--servers N]
 * `--servers 2` (or more) starts that many independent instances, for cross-posting;
 * with `--port`, the first listens there and the others on the ports after it.
 */
import { dialectArgument } from './cli-args.ts';
import { startFakeMastodons } from './several.ts';

const USAGE = 'node tests/fake-mastodon/cli.ts [--port N] [--dialect NAME] [--servers N]';

function numberArgument(args: string[], name: string, fallback: number, min: number, max: number): number {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`Usage: ${USAGE}`);
    process.exit(2);
  }
  return value;
}

const args = process.argv.slice(2);
const port = numberArgument(args, '--port', 0, 0, 65535);
const count = numberArgument(args, '--servers', 1, 1, 10);
const dialect = dialectArgument(args, USAGE);
const servers = await startFakeMastodons(
  count,
  Array.from({ length: count }, (_, index) => ({ port: port === 0 ? 0 : port + index, dialect })),
);
for (const server of servers) console.log(server.origin);
const hosts = servers.map((s) => s.host).join(', ');
console.log(`Fake Mastodon (${dialect} dialect) is up: connect Fedipost to ${hosts} (any username signs in). Ctrl-C stops it.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0));
  });
}
