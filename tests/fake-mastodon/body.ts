import type { IncomingMessage } from 'node:http';
import { parseMultipart } from './multipart.ts';
import { paramsFromSearch, type Params } from './params.ts';

export class BodyParseError extends Error {}

/** The whole body; at most `bytesPerSecond` fast when given (the stream is paused meanwhile, so the client feels it). */
export async function readRaw(req: IncomingMessage, bytesPerSecond?: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const started = performance.now();
  let received = 0;
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
    received += (chunk as Buffer).length;
    if (!bytesPerSecond) continue;
    const due = started + (received / bytesPerSecond) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return Buffer.concat(chunks);
}

/** Parses form, JSON and multipart bodies; undefined when there is no body. */
export function parseBody(raw: Buffer, contentType: string | undefined): Params | undefined {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return parseJsonObject(raw);
  if (type === 'multipart/form-data') {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
    if (!boundary) throw new BodyParseError('Multipart body without a boundary');
    return parseMultipart(raw, boundary);
  }
  // Rails treats a body without a known type as a form, as browsers and curl send it.
  return paramsFromSearch(new URLSearchParams(raw.toString('utf8')));
}

function parseJsonObject(raw: Buffer): Params {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyParseError('Error occurred while parsing request parameters');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyParseError('Error occurred while parsing request parameters');
  }
  return value as Params;
}
