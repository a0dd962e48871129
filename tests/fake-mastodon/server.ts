import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountRoutes } from './accounts.ts';
import { appRoutes } from './apps.ts';
import { bearerToken } from './auth.ts';
import { authorizeRoutes } from './authorize.ts';
import { BodyParseError, parseBody, readRaw } from './body.ts';
import { corsHeaders, isCorsPath, preflightHeaders } from './cors.ts';
import { applyFault, createFaultTable, reshapeReply, type FaultTable } from './faults.ts';
import { apiError, htmlNotFound, type Outcome, type Reply, type Route } from './http.ts';
import { imageRoutes } from './images.ts';
import { instanceRoutes } from './instance.ts';
import { mediaRoutes, storedMedia } from './media.ts';
import { oauthRoutes } from './oauth.ts';
import { paramsFromSearch, type Params } from './params.ts';
import { createRateLimiter } from './rate-limit.ts';
import { signUpRoutes } from './signups.ts';
import { createState, type ServerState } from './state.ts';
import { searchRoutes } from './search.ts';
import { addRemotePost, serializeScheduled, statusRoutes, storedStatus } from './statuses.ts';
import { statusEditRoutes } from './status-edits.ts';
import type { FakeMastodon, FakeMastodonOptions, Limits, LoggedRequest } from './types.ts';

const ROUTES: Route[] = [
  ...instanceRoutes,
  ...appRoutes,
  ...authorizeRoutes,
  ...oauthRoutes,
  ...accountRoutes,
  ...imageRoutes,
  ...mediaRoutes,
  ...statusRoutes,
  ...statusEditRoutes,
  ...searchRoutes,
  ...signUpRoutes,
];

function matchRoute(method: string, path: string): { route: Route; pathParams: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, pathParams: {} };
      continue;
    }
    const match = route.path.exec(path);
    if (match) return { route, pathParams: { ...match.groups } };
  }
  return undefined;
}

function notFound(state: ServerState, path: string): Reply {
  return path.startsWith('/api/') ? state.dialect.notFound() : htmlNotFound();
}

interface Handling {
  state: ServerState;
  faults: FaultTable;
  rateLimiter: ReturnType<typeof createRateLimiter>;
  log: LoggedRequest[];
}

async function route(handling: Handling, req: IncomingMessage, entry: LoggedRequest, search: URLSearchParams): Promise<Outcome> {
  const { method, path } = entry;
  const fault = handling.faults.take(method, path);
  const raw = await readRaw(req, fault?.throttleBytesPerSecond);
  let body: Params | undefined;
  let bodyError: BodyParseError | undefined;
  try {
    body = parseBody(raw, req.headers['content-type']);
    if (body) entry.body = body;
  } catch (error) {
    if (!(error instanceof BodyParseError)) throw error;
    bodyError = error;
  }
  if (fault && !fault.afterProcessing) {
    const faulted = await applyFault(fault);
    if (faulted) return faulted;
  }
  let reply = await answer(handling, req, entry, search, body, bodyError);
  // A browser re-sent the request on a fresh connection: each copy is handled in turn.
  for (let i = 0; i < (fault?.resentTimes ?? 0); i++) reply = await answer(handling, req, entry, search, body, bodyError);
  // The work is done by now; the fault replaces (or only delays) the answer that tells of it.
  if (fault?.afterProcessing) return (await applyFault(fault)) ?? reshapeReply(reply, fault);
  return fault ? reshapeReply(reply, fault) : reply;
}

async function answer(
  handling: Handling,
  req: IncomingMessage,
  { method, path }: LoggedRequest,
  search: URLSearchParams,
  body: Params | undefined,
  bodyError: BodyParseError | undefined,
): Promise<Reply> {
  // rack-cors answers preflights before the application sees them.
  if (method === 'OPTIONS' && isCorsPath(path)) return { status: 204, headers: preflightHeaders(path, req.headers) };
  if (bodyError) return apiError(400, bodyError.message);
  const matched = matchRoute(method, path);
  if (!matched) return notFound(handling.state, path);
  return matched.route.handle({
    method,
    path,
    params: { ...paramsFromSearch(search), ...body },
    headers: req.headers,
    pathParams: matched.pathParams,
    state: handling.state,
  });
}

function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  // A client that gave up (or close()) may have destroyed the socket during a delay.
  if (res.destroyed) return;
  const allHeaders: Record<string, string> = { ...headers, ...reply.headers };
  if (reply.contentType) allHeaders['Content-Type'] = reply.contentType;
  res.writeHead(reply.status, allHeaders);
  res.end(reply.body);
}

async function handle(handling: Handling, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', handling.state.origin);
  const entry: LoggedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    status: 0,
    at: Date.now(),
    durationMs: 0,
  };
  handling.log.push(entry);
  let outcome: Outcome;
  try {
    outcome = await route(handling, req, entry, url.searchParams);
  } catch (error) {
    // A client that gave up while sending its body (a cancelled upload) gets no answer.
    if (req.destroyed) outcome = 'drop';
    else {
      console.error('fake-mastodon: handler failed', error);
      outcome = apiError(500, 'Internal server error');
    }
  }
  if (outcome === 'drop') {
    entry.durationMs = performance.now() - started;
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { 'X-Request-Id': randomUUID(), ...corsHeaders(entry.path) };
  if (entry.path.startsWith('/api/') && entry.method !== 'OPTIONS') {
    const caller = bearerToken(req.headers) ?? req.socket.remoteAddress ?? 'unknown';
    Object.assign(headers, handling.rateLimiter.consume(caller, Date.now()));
    headers['Cache-Control'] = 'no-cache, no-store, max-age=0, must-revalidate';
  }
  entry.status = outcome.status;
  entry.durationMs = performance.now() - started;
  send(res, outcome, headers);
}

export async function startFakeMastodon(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const state = createState(options);
  const handling: Handling = { state, faults: createFaultTable(), rateLimiter: createRateLimiter(), log: [] };
  const server = createServer((req, res) => void handle(handling, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.host = `127.0.0.1:${port}`;
  state.origin = `http://${state.host}`;

  return {
    origin: state.origin,
    host: state.host,
    dialect: state.dialect.name,
    requests: handling.log,
    count: (method, path) => handling.log.filter((r) => r.method === method && r.path === path).length,
    clearLog: () => {
      handling.log.length = 0;
    },
    setFault: (route, fault) => handling.faults.set(route, fault),
    clearFaults: () => handling.faults.clear(),
    closeRegistrations: (closed) => {
      state.registrationsClosed = closed;
    },
    deleteApps: () => {
      // Doorkeeper deletes an application's grants and tokens with it.
      state.apps.clear();
      state.codes.clear();
      state.tokens.clear();
    },
    revokeAllTokens: () => {
      for (const token of state.tokens.values()) if (token.userId !== null) token.revoked = true;
    },
    get emails() {
      return [...state.outbox];
    },
    setSignUps: (settings) => {
      Object.assign(state.signUps, settings);
    },
    get apps() {
      return [...state.apps.values()].map(({ clientId, clientSecret, name, redirectUris, scopes, website }) => ({
        clientId,
        clientSecret,
        name,
        redirectUris,
        scopes,
        website,
      }));
    },
    get statuses() {
      return [...state.statuses.values()].map((status) => storedStatus(state, status));
    },
    get scheduledStatuses() {
      return [...state.scheduledStatuses.values()].map((scheduled) => serializeScheduled(state, scheduled));
    },
    get media() {
      return [...state.media.values()].map((media) => storedMedia(state, media));
    },
    get limits(): Limits {
      return state.limits;
    },
    set limits(limits: Limits) {
      state.limits = limits;
    },
    addRemotePost: (post) => addRemotePost(state, post),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
