import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rules of docs/architecture.md that a reviewer would otherwise have to remember:
 * the UI never reaches the token store or the instance client, and lib/ stays
 * browser-free. Checked on the import graph of the source files.
 */
const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every module a file imports (static or dynamic), as a path from the root or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((spec) =>
    spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : spec,
  );
}

function violations(files: string[], forbidden: RegExp): string[] {
  return files.flatMap((file) => importsOf(file).filter((target) => forbidden.test(target)).map((target) => `${file} → ${target}`));
}

const uiFiles = ['components', 'entrypoints/popup', 'entrypoints/options', 'entrypoints/compose', 'entrypoints/oauth-callback'].flatMap(sourceFiles);

describe('architecture rules', () => {
  it('finds the files it checks (an empty list would pass every rule)', () => {
    expect(uiFiles.length).toBeGreaterThan(20);
    expect(sourceFiles('lib').length).toBeGreaterThan(20);
  });

  it('UI code never imports the background (it holds the tokens) or the instance client', () => {
    expect(violations(uiFiles, /^(entrypoints\/background|lib\/mastodon)(\/|$)/)).toEqual([]);
  });

  it('UI code never imports the upload channels (their requests carry tokens)', () => {
    expect(violations(uiFiles, /^utils\/(offscreen-uploads|xhr-upload)$/)).toEqual([]);
  });

  it('lib/ never imports the browser, WXT, the UI or the background', () => {
    expect(violations(sourceFiles('lib'), /^(wxt|webextension-polyfill|@webext-core|preact|components|entrypoints|utils)(\/|$)/)).toEqual([]);
    const globals = sourceFiles('lib').filter((file) => /\b(browser|chrome)\.(runtime|storage|identity|tabs|i18n)\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(globals).toEqual([]);
  });

  it('the rule catches what it is meant to catch', () => {
    // A guard that cannot fail guards nothing: feed it an import it must flag.
    expect(importsOf('tests/unit/architecture.test.ts')).toContain('node:fs');
    expect(/^(entrypoints\/background|lib\/mastodon)(\/|$)/.test('lib/mastodon/statuses')).toBe(true);
    expect(/^(entrypoints\/background|lib\/mastodon)(\/|$)/.test('entrypoints/background/storage-items')).toBe(true);
  });
});
