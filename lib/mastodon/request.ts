import type { ZodMiniType } from 'zod/mini';
import type { ClientContext } from './context';
import { DEFAULT_TIMEOUT_MS } from './context';
import { MastodonError } from './errors';
import { cappedFetch, isRedirect, isTooLarge } from './capped-fetch';

/** A JSON request body. */
export type JsonBody = Record<string, unknown>;

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /**
   * Sent as application/json: every family reads JSON, and Hollo ignores form bodies on
   * statuses (DESIGN §9). No family is known to need form encoding on these endpoints.
   */
  json?: JsonBody;
  headers?: Record<string, string>;
  token?: string;
  schema: ZodMiniType<T>;
}

/**
 * One API call: sends, checks the status, parses JSON and validates it against the
 * endpoint's schema. Never throws anything but MastodonError.
 */
export async function requestJson<T>(ctx: ClientContext, path: string, options: RequestOptions<T>): Promise<T> {
  return (await requestJsonResponse(ctx, path, options)).data;
}

/** As requestJson, keeping the status (200 vs 202 vs 206 matters for media). */
export async function requestJsonResponse<T>(
  ctx: ClientContext,
  path: string,
  options: RequestOptions<T>,
): Promise<{ status: number; data: T }> {
  const endpoint = endpointOf(options.method, path);
  return parseResponse(await send(ctx, path, options, endpoint), endpoint, options.schema);
}

/** "POST /api/v2/media": how errors name the endpoint. */
export const endpointOf = (method: string | undefined, path: string) => `${method ?? 'GET'} ${path.split('?')[0]}`;

/** Checks the status, parses JSON and validates it (also for answers that did not come through fetch). */
export async function parseResponse<T>(response: Response, endpoint: string, schema: ZodMiniType<T>): Promise<{ status: number; data: T }> {
  const body = await readJson(response, endpoint);
  if (!response.ok) throw errorFromResponse(response, body, endpoint);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new MastodonError({ kind: 'shape', status: response.status, endpoint }, { cause: parsed.error });
  }
  return { status: response.status, data: parsed.data };
}

/** Sends a request; maps network failures and time-outs to MastodonError. */
async function send(
  ctx: ClientContext,
  path: string,
  options: Pick<RequestOptions<unknown>, 'method' | 'json' | 'headers' | 'token'>,
  endpoint: string,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    signal: AbortSignal.timeout(ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    // Instances never need our cookies; a logged-in web session must not leak in.
    credentials: 'omit',
    // A redirect (a 307 keeps method and body) would hand the token and the post's text
    // to wherever it points: never followed. 'manual' rather than 'error', so the person
    // is told "redirected" instead of "unreachable".
    redirect: options.token ? 'manual' : 'follow',
  };
  if (options.json) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await cappedFetch(ctx.fetch)(new URL(path, ctx.origin), init);
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
    const kind = isTooLarge(cause) ? 'too-large' : timedOut ? 'timeout' : 'network';
    throw new MastodonError({ kind, endpoint }, { cause });
  }
  if (isRedirect(response)) throw new MastodonError({ kind: 'redirected', status: response.status || undefined, endpoint });
  return response;
}

/** Reads a body as JSON; `undefined` for an empty body. Non-JSON → MastodonError. */
async function readJson(response: Response, endpoint: string): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new MastodonError({ kind: isTooLarge(cause) ? 'too-large' : 'network', status: response.status, endpoint }, { cause });
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    // An error page in HTML still tells us the status, which matters more than the body.
    if (!response.ok) return undefined;
    throw new MastodonError({ kind: 'not-json', status: response.status, endpoint }, { cause });
  }
}

/** Mastodon's error entity is `{error, error_description?}`; anything else is ignored. */
function errorFromResponse(response: Response, body: unknown, endpoint: string): MastodonError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  return new MastodonError({
    kind: 'http',
    status: response.status,
    endpoint,
    error: text(record.error),
    description: text(record.error_description),
    retryAt: response.status === 429 ? retryAtFrom(response.headers) : undefined,
    body,
  });
}

/**
 * `X-RateLimit-Reset` is an ISO timestamp. `Retry-After` is rarer but standard, and
 * either whole seconds or an HTTP date (RFC 9110 §10.2.3; proxies in front of an
 * instance send the date form). Anything else names no time rather than "now".
 */
function retryAtFrom(headers: Headers): string | undefined {
  const reset = headers.get('X-RateLimit-Reset');
  if (reset && !Number.isNaN(Date.parse(reset))) return new Date(reset).toISOString();
  const after = headers.get('Retry-After')?.trim() ?? '';
  if (/^\d+$/.test(after)) return new Date(Date.now() + Number(after) * 1000).toISOString();
  const date = Date.parse(after);
  return /[a-z]/i.test(after) && !Number.isNaN(date) ? new Date(date).toISOString() : undefined;
}
