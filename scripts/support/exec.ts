import { spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { BIN, ROOT } from './paths.ts';

export interface ExecResult {
  code: number;
  /** Everything the command printed on stdout (it was also passed through). */
  stdout: string;
  ms: number;
}

/**
 * Children get this project's node_modules/.bin and the running Node first on PATH, so
 * `#!/usr/bin/env node` tools run on the same Node 24 as the scripts even when the
 * machine's own `node` is older.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [BIN, dirname(process.execPath), process.env.PATH].join(delimiter), ...extra };
}

/**
 * Runs a command in the project root, streaming its output as it comes, and resolves
 * with its exit code and stdout. `quietStdout` keeps machine-readable stdout (JSON) off
 * the console.
 */
export function exec(
  command: string,
  args: string[],
  options: { quietStdout?: boolean; env?: Record<string, string> } = {},
): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!options.quietStdout) process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, ms: performance.now() - started }),
    );
  });
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
