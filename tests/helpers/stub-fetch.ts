/** A fetch that answers from a table of `METHOD /path` → response, and records calls. */
export type StubAnswer = { status?: number; json?: unknown; text?: string; headers?: Record<string, string> } | Error;

export function stubFetch(routes: Record<string, StubAnswer | (() => StubAnswer)>) {
  const calls: Array<{ method: string; path: string; body: string | null; headers: Headers }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const method = request.method;
    calls.push({ method, path: url.pathname, body: request.body ? await request.text() : null, headers: request.headers });
    const route = routes[`${method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route() : route;
    if (answer === undefined) return new Response('<h1>Not found</h1>', { status: 404, headers: { 'Content-Type': 'text/html' } });
    if (answer instanceof Error) throw answer;
    const body = answer.text ?? (answer.json === undefined ? null : JSON.stringify(answer.json));
    const contentType = answer.text === undefined ? 'application/json' : 'text/html';
    return new Response(body, { status: answer.status ?? 200, headers: { 'Content-Type': contentType, ...answer.headers } });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
