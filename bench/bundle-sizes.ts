import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageSize {
  /** gzip bytes, each file compressed on its own as a server or store would. */
  js: number;
  css: number;
  files: string[];
  /**
   * Of `js`, what the page imports only when needed (the popup's composer, with every
   * chunk it imports in turn): counted, since a connected popup loads it too, but not on
   * the way to the first paint.
   */
  lazyJs: number;
  /** The lazily loaded files (JS, and CSS counted in `css`). */
  lazyFiles: string[];
  /**
   * JS and CSS left out of `js` and `css` because a person reaches them only on purpose
   * (the popup's sign-up form, for "Create an account"): measured on their own.
   */
  onDemand: number;
}

export interface BundleSizes {
  popup: PageSize;
  options: PageSize;
  compose: PageSize;
  background: { js: number; file: string };
}

function gzipBytes(dir: string, file: string): number {
  return gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
}

/** What a built file loads, by path from the build's root. */
interface Loads {
  /** Static imports: they load (and run) with the file itself. */
  now: string[];
  /** `import()` targets, each with what Vite preloads beside it (its chunks and CSS). */
  later: { chunk: string; with: string[] }[];
}

/**
 * Vite writes a lazy import as `import(\`./name.js\`)` and, when the chunk has chunks or
 * CSS of its own, lists them for preloading as `__vite__mapDeps([i, …])` into one
 * array of paths from the build's root.
 */
function loadsOf(dir: string, file: string): Loads {
  const source = readFileSync(join(dir, file), 'utf8');
  const folder = posix.dirname(file);
  const local = (spec: string) => posix.normalize(posix.join(folder, spec));
  const now = [...source.matchAll(/\b(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)].map((m) => local(m[1]!));
  const table = /__vite__mapDeps=[^;]*?\[(\s*"[^\]]*)\]/.exec(source)?.[1];
  const paths = table ? [...table.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  // The preload list after an import(), never one that belongs to a later import().
  const later = [...source.matchAll(/\bimport\(\s*[`'"](\.{1,2}\/[^`'"]+\.js)[`'"]\s*\)((?:(?!\bimport\()[^;])*?__vite__mapDeps\(\[([\d,\s]*)\]\))?/g)].map((m) => ({
    chunk: local(m[1]!),
    with: m[3] === undefined ? [] : m[3].split(',').map((i) => paths[Number(i)]!),
  }));
  if (later.some((l) => l.with.includes(undefined as unknown as string))) throw new Error(`${file}: a preload list Vite wrote could not be read`);
  return { now, later };
}

/** Chunks whose file name starts with these are on demand (see PageSize.onDemand). */
const ON_DEMAND = /^chunks\/SignUpView-/;

/**
 * Everything an HTML page of the build loads: its module script and the chunks Vite
 * lists as modulepreload (all of the script's static imports), its stylesheets, and
 * what any of them imports lazily with all that loads along (`lazyJs`, part of `js`;
 * CSS loaded along counts in `css`), except what only the on-demand chunks bring.
 */
function pageSize(dir: string, html: string): PageSize {
  const source = readFileSync(join(dir, html), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of source.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    if (tag.toLowerCase().startsWith('<script')) {
      const src = attribute(tag, 'src');
      if (src) js.add(src);
    } else if (rel === 'modulepreload') {
      js.add(attribute(tag, 'href')!);
    } else if (rel === 'stylesheet') {
      css.add(attribute(tag, 'href')!);
    }
  }
  if (js.size === 0) throw new Error(`${html} loads no script: the HTML of the build changed shape`);
  const strip = (file: string) => file.replace(/^\//, '');
  const initial = new Set([...js].map(strip));
  const initialCss = new Set([...css].map(strip));
  /** Files (JS and CSS) reached from `roots` and not already in `known`, following every kind of load. */
  const reach = (roots: string[], known: Set<string>, skip: (chunk: string) => boolean): Set<string> => {
    const found = new Set<string>();
    const queue = roots.filter((file) => !known.has(file));
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (found.has(file) || known.has(file)) continue;
      found.add(file);
      if (!file.endsWith('.js')) continue;
      const { now, later } = loadsOf(dir, file);
      queue.push(...now);
      for (const lazy of later) if (!skip(lazy.chunk)) queue.push(lazy.chunk, ...lazy.with);
    }
    return found;
  };
  const loadedLater = (skip: (chunk: string) => boolean) =>
    [...initial].flatMap((file) => loadsOf(dir, file).later.filter((l) => !skip(l.chunk)).flatMap((l) => [l.chunk, ...l.with]));
  const known = new Set([...initial, ...initialCss]);
  // What a connected popup loads too (the composer), then what only "Create an account" adds.
  const counted = reach(loadedLater((chunk) => ON_DEMAND.test(chunk)), known, (chunk) => ON_DEMAND.test(chunk));
  const onDemand = reach(loadedLater((chunk) => !ON_DEMAND.test(chunk)), new Set([...known, ...counted]), () => false);
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(dir, file), 0);
  const lazyFiles = [...counted].filter((file) => file.endsWith('.js'));
  const lazyCss = [...counted].filter((file) => !file.endsWith('.js'));
  const lazyJs = sum(lazyFiles);
  return {
    js: sum(initial) + lazyJs,
    css: sum(initialCss) + sum(lazyCss),
    files: [...js, ...css],
    lazyJs,
    lazyFiles: [...lazyFiles, ...lazyCss],
    onDemand: sum(onDemand),
  };
}

export function measureBundleSizes(dir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    action: { default_popup: string };
    options_ui: { page: string };
    background: { service_worker: string };
  };
  return {
    popup: pageSize(dir, manifest.action.default_popup),
    options: pageSize(dir, manifest.options_ui.page),
    // Not in the manifest: the background opens it for sharing from the context menu.
    compose: pageSize(dir, 'compose.html'),
    background: { js: gzipBytes(dir, manifest.background.service_worker), file: manifest.background.service_worker },
  };
}
