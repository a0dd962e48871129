import { DIALECT_NAMES, type DialectName } from './types.ts';

/** `--dialect NAME` from the command line (mastodon when absent); exits with usage on a bad name. */
export function dialectArgument(args: string[], usage: string): DialectName {
  const index = args.indexOf('--dialect');
  if (index === -1) return 'mastodon';
  const name = args[index + 1] as DialectName | undefined;
  if (!name || !DIALECT_NAMES.includes(name)) {
    console.error(`Usage: ${usage}\n  --dialect is one of: ${DIALECT_NAMES.join(', ')}`);
    process.exit(2);
  }
  return name;
}
