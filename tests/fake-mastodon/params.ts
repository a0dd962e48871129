/** Request parameters as Rails builds them: `a[]` collects an array, `a[b]` nests an object. */
export type Params = Record<string, unknown>;

/** A file part of a multipart body (media uploads). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

/** Adds one key/value pair the way Rack's nested query parser does. */
export function assignParam(target: Params, key: string, value: unknown): void {
  const head = key.match(/^[^[]+/)?.[0];
  if (!head) return;
  const segments = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  let container: Params = target;
  let name = head;
  for (const segment of segments) {
    if (segment === '') {
      const list = Array.isArray(container[name]) ? (container[name] as unknown[]) : [];
      list.push(value);
      container[name] = list;
      return;
    }
    const next = container[name];
    const child: Params = typeof next === 'object' && next !== null && !Array.isArray(next) && !isUploadedFile(next) ? (next as Params) : {};
    container[name] = child;
    container = child;
    name = segment;
  }
  container[name] = value;
}

export function paramsFromSearch(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of search) assignParam(params, key, value);
  return params;
}

/** A scalar parameter as text (JSON bodies may send numbers or booleans). */
export function stringParam(params: Params, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
