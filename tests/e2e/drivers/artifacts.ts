import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from '../../../scripts/lib/paths.ts';

export function saveArtifact(fileName: string, data: Buffer | string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, fileName);
  writeFileSync(path, data);
  return path;
}

/** The message of a wait that timed out, with what the person would see instead. */
export function notShownError(what: string, timeoutMs: number, shown: string): Error {
  const text = shown.replace(/\s+/g, ' ').trim();
  return new Error(`${what} was not shown within ${timeoutMs} ms; the page shows: ${JSON.stringify(text.slice(0, 600))}`);
}
