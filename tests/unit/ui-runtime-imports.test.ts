import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The popup and the compose window never run zod: the background parses every answer and
 * every stored value, and the UI only receives its checked, token-free views. A module
 * that builds schemas at load can't be tree-shaken, so one runtime import of such a module
 * (often a helper beside posting code) ships the whole zod core (≈ 8 KB gzip) to every
 * popup (bench/budgets.ts). Types from schema modules are fine: `import type` is erased.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = ['entrypoints/popup/main.tsx', 'entrypoints/compose/main.tsx'];

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? resolve(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(ROOT, dirname(from), spec) : null;
  if (base === null) return null;
  const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((path) => /\.tsx?$/.test(path) && existsSync(path));
  return found ? relative(ROOT, found) : null;
}

/** What a module imports at runtime: static (not type-only), side-effect and dynamic imports. */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gm)) {
    const named = /^\{([^}]*)\}$/.exec(m[2]!.trim());
    const onlyTypes = named !== null && named[1]!.split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '));
    if (!m[1] && !onlyTypes) specifiers.push(m[3]!);
  }
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) specifiers.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(m[1]!);
  return specifiers;
}

/** Every package a page loads at runtime, each with the chain of files that brings it in. */
function packagesLoadedBy(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(readFileSync(resolve(ROOT, file), 'utf8'))) {
      const local = spec.startsWith('@/') || spec.startsWith('.') ? resolveLocal(file, spec) : null;
      if (local) walk(local, [...chain, local]);
      else if (!spec.startsWith('@/') && !spec.startsWith('.') && !packages.has(spec)) packages.set(spec, chain);
    }
  };
  walk(entry, [entry]);
  return packages;
}

describe('what the popup and the compose window run', () => {
  it.each(PAGES)('%s loads no zod (the background checks all data from outside)', (entry) => {
    const packages = packagesLoadedBy(entry);
    // Sanity: the walk reaches the composer, behind its lazy import.
    expect(packages.has('preact/hooks')).toBe(true);
    const zod = [...packages].filter(([name]) => /^zod(\/|$)/.test(name)).map(([name, chain]) => `${chain.join(' → ')} → ${name}`);
    expect(zod).toEqual([]);
  });

  it('tells runtime imports from type-only ones', () => {
    const source = [
      "import * as z from 'zod/mini';",
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { d, type E } from './d';",
      "export type { F } from './f';",
      "export { g } from './g';",
      "import './h.css';",
      "const I = () => import('./i');",
    ].join('\n');
    expect(runtimeImports(source)).toEqual(['zod/mini', './d', './g', './h.css', './i']);
  });
});
