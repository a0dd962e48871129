import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageSize {
  /** gzip bytes, each file compressed on its own as a server or store would. */
  js: number;
  css: number;
  files: string[];
  /**
   * Of `js`, what the page imports only when needed (the popup's composer): counted,
   * since a connected popup loads it too, but not on the way to the first paint.
   */
  lazyJs: number;
  lazyFiles: string[];
  /**
   * Lazily loaded chunks left out of `js` because a person reaches them only on purpose
   * (the popup's sign-up form, for "Create an account"): measured on their own.
   */
  onDemandJs: number;
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

/** Chunks a built JS file may `import()` later: Vite writes them as `import(\`./name.js\`)`. */
function dynamicImports(dir: string, file: string): string[] {
  const source = readFileSync(join(dir, file), 'utf8');
  const folder = posix.dirname(file);
  return [...source.matchAll(/\bimport\(\s*[`'"](\.{1,2}\/[^`'"]+\.js)[`'"]\s*\)/g)].map((m) => posix.normalize(posix.join(folder, m[1]!)));
}

/**
 * Everything an HTML page of the build loads: its module script and the chunks Vite
 * lists as modulepreload (all of the script's static imports), its stylesheets, and
 * the chunks any of them imports lazily (`lazyJs`, part of `js`).
 */
/** Chunks whose file name starts with these are on demand (see PageSize.onDemandJs). */
const ON_DEMAND = /^chunks\/SignUpView-/;

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
  const initial = new Set([...js].map((file) => file.replace(/^\//, '')));
  const lazy = new Set<string>();
  const queue = [...initial];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const chunk of dynamicImports(dir, file)) {
      if (initial.has(chunk) || lazy.has(chunk)) continue;
      lazy.add(chunk);
      queue.push(chunk);
    }
  }
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(dir, file.replace(/^\//, '')), 0);
  const onDemand = [...lazy].filter((file) => ON_DEMAND.test(file));
  const counted = [...lazy].filter((file) => !ON_DEMAND.test(file));
  const lazyJs = sum(counted);
  return { js: sum(initial) + lazyJs, css: sum(css), files: [...js, ...css], lazyJs, lazyFiles: counted, onDemandJs: sum(onDemand) };
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
