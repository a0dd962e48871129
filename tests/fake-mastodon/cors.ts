import type { IncomingHttpHeaders } from 'node:http';

/** Mastodon's rack-cors resources (config/initializers/cors.rb); /oauth/authorize is deliberately absent. */
const RESOURCES: Array<{ matches(path: string): boolean; methods: string }> = [
  { matches: (path) => path.startsWith('/api/'), methods: 'POST, PUT, DELETE, GET, PATCH, OPTIONS' },
  { matches: (path) => path === '/oauth/token' || path === '/oauth/revoke', methods: 'POST' },
  { matches: (path) => path.startsWith('/.well-known/') || path.startsWith('/nodeinfo/'), methods: 'GET' },
];

const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];
const EXPOSED_HEADERS = 'Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id, Idempotency-Key';
/** rack-cors' default preflight cache time. */
const MAX_AGE = '7200';

export function isCorsPath(path: string): boolean {
  return RESOURCES.some((resource) => resource.matches(path));
}

/** Headers for an actual response; none outside the CORS resources. */
export function corsHeaders(path: string): Record<string, string> {
  const resource = RESOURCES.find((candidate) => candidate.matches(path));
  if (!resource) return {};
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': resource.methods,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    'Access-Control-Max-Age': MAX_AGE,
  };
}

/** rack-cors allows `headers: :any`, so whatever the preflight asks for is allowed too. */
export function preflightHeaders(path: string, requestHeaders: IncomingHttpHeaders): Record<string, string> {
  const requested = (requestHeaders['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const allowed = [...ALLOWED_HEADERS];
  for (const name of requested) {
    if (!allowed.some((known) => known.toLowerCase() === name.toLowerCase())) allowed.push(name);
  }
  return { ...corsHeaders(path), 'Access-Control-Allow-Headers': allowed.join(', ') };
}
