import { MAX_RESPONSE_BYTES } from './context';

/** Reading an answer stopped at the size cap. */
export class ResponseTooLarge extends Error {
  override readonly name = 'ResponseTooLarge';
  constructor(readonly limit: number) {
    super(`The answer is larger than ${limit} bytes.`);
  }
}

/**
 * `fetch` whose answers are cut off at `limit` bytes: a declared Content-Length over it is
 * refused at once, and a body that grows past it errors with ResponseTooLarge while being
 * read (so a server can't fill the worker's memory by streaming without end).
 */
export function cappedFetch(fetch: typeof globalThis.fetch, limit = MAX_RESPONSE_BYTES): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const declared = Number(response.headers.get('Content-Length'));
    if (declared > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw new ResponseTooLarge(limit);
    }
    if (!response.body) return response;
    let seen = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit) controller.error(new ResponseTooLarge(limit));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** Is this (or what caused it) the size cap? Body readers wrap the stream's error. */
export function isTooLarge(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof ResponseTooLarge) return true;
  return false;
}

/** A redirect not followed: browsers give an opaque one (status 0), Node the 3xx itself. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}
