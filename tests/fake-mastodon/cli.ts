/** Starts one fake Mastodon server for the demo or manual testing: node tests/fake-mastodon/cli.ts [--port N] [--dialect NAME] */
import { dialectArgument } from './cli-args.ts';
import { startFakeMastodon } from './server.ts';

function portArgument(args: string[]): number {
  const index = args.indexOf('--port');
  if (index === -1) return 0;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('Usage: node tests/fake-mastodon/cli.ts [--port N] [--dialect NAME]');
    process.exit(2);
  }
  return port;
}

const args = process.argv.slice(2);
const server = await startFakeMastodon({ port: portArgument(args), dialect: dialectArgument(args, 'node tests/fake-mastodon/cli.ts [--port N] [--dialect NAME]') });
console.log(server.origin);
console.log(`Fake Mastodon (${server.dialect} dialect) is up: connect Fedipost to ${server.host} (any username signs in). Ctrl-C stops it.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
