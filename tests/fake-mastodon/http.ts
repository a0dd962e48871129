import type { IncomingHttpHeaders } from 'node:http';
import type { ServerState } from './state.ts';
import type { Params } from './params.ts';

/** What a route answers; the server adds CORS, rate-limit and request-id headers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  contentType?: string;
  body?: string | Uint8Array;
}

/** A reply, or 'drop': destroy the connection without answering. */
export type Outcome = Reply | 'drop';

export interface RequestContext {
  method: string;
  path: string;
  /** Query and body merged, Rails-style (body wins), as Mastodon's controllers see them. */
  params: Params;
  headers: IncomingHttpHeaders;
  /** Named groups of the route's path pattern. */
  pathParams: Record<string, string>;
  state: ServerState;
}

export interface Route {
  method: string;
  path: string | RegExp;
  handle(ctx: RequestContext): Reply | Promise<Reply>;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value), headers };
}

/** Mastodon's API error shape. */
export function apiError(status: number, error: string): Reply {
  return json(status, { error });
}

export function html(status: number, page: string): Reply {
  return { status, contentType: 'text/html; charset=utf-8', body: page };
}

export function redirect(location: string): Reply {
  return { status: 302, headers: { Location: location }, contentType: 'text/html; charset=utf-8', body: '' };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A plain page in the style of Mastodon's static pages (404, errors). */
export function htmlPage(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#282c37;color:#d9e1e8;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:4px;border:0;cursor:pointer}
.primary{background:#6364ff;color:#fff}.error{color:#ff8a8a}input{font:inherit;padding:.3rem}</style></head>
<body>
${content}
</body>
</html>
`;
}

export function htmlNotFound(): Reply {
  return html(404, htmlPage('The page you are looking for isn\'t here.', '<h1>The page you are looking for isn\'t here.</h1>'));
}
