import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const XVFB = '/usr/bin/Xvfb';

/** A private virtual X display, for a browser that must run with a window. */
export interface VirtualDisplay {
  /** `:N`, the value for DISPLAY. */
  display: string;
  close(): Promise<void>;
}

/**
 * Starts Xvfb on a display number it picks itself (`-displayfd`: free on this machine,
 * whatever else runs here), reachable only through its local socket. Headless Firefox's
 * clipboard keeps text only; a real display's clipboard takes images too.
 */
export async function startXvfb(): Promise<VirtualDisplay> {
  try {
    accessSync(XVFB, constants.X_OK);
  } catch {
    throw new Error(`Xvfb is not installed (${XVFB}): apt-get install -y xvfb`);
  }
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  xvfb.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
  const display = await new Promise<string>((resolve, reject) => {
    let written = '';
    const fd = xvfb.stdio[3] as NodeJS.ReadableStream;
    fd.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      if (written.includes('\n')) resolve(`:${written.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before naming its display: ${stderr.trim()}`)));
    setTimeout(() => reject(new Error(`Xvfb named no display within 10 s: ${stderr.trim()}`)), 10_000).unref();
  }).catch(async (error: unknown) => {
    xvfb.kill();
    throw error;
  });
  return {
    display,
    async close() {
      if (xvfb.exitCode === null && xvfb.signalCode === null) {
        xvfb.kill();
        await exited;
      }
    },
  };
}
