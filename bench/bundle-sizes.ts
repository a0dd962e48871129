import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageSize {
  /** gzip bytes, each file compressed on its own as a server or store would. */
  js: number;
  css: number;
  files: string[];
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

/**
 * Everything an HTML page of the build loads: its module script and the chunks Vite
 * lists as modulepreload (all of the script's static imports), and its stylesheets.
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
  const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzipBytes(dir, file.replace(/^\//, '')), 0);
  return { js: sum(js), css: sum(css), files: [...js, ...css] };
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
