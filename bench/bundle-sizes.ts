import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip bytes, each file compressed on its own as a server or store would. */
export interface Weighed {
  js: number;
  css: number;
  /** The files, by path from the build's root. */
  files: string[];
}

export interface PageSize extends Weighed {
  /**
   * What the page loads at rest (this object's own `js`, `css` and `files`): its HTML's
   * scripts, preloads and styles, and the lazily loaded chunks it draws as it opens
   * (`AT_REST`), each with all it imports in turn; before a person opens any tool.
   */
  firstPaint: Weighed;
  /** Each named on-demand chunk (ON_DEMAND), with what it brings beyond the page at rest. */
  onDemand: Array<Weighed & { name: string }>;
  /** All of `onDemand` together, each file counted once (tools share some chunks). */
  onDemandTotal: Weighed;
  /** The popup's sign-up form, for "Create an account", with what it brings: weighed on its own. */
  signUp: Weighed;
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

/**
 * Lazily imported chunks, by the name Vite gives them (their module's file name), that a
 * page draws as it opens: they load at rest, so they count in the page's budget. The
 * popup and a share window (compose.html) have the composer in their own script, and a
 * share window the share's panel as well.
 */
const AT_REST = {
  popup: [],
  options: [],
  compose: [],
} as const satisfies Record<'popup' | 'options' | 'compose', readonly string[]>;

/**
 * The chunks a person loads by opening a folded tool (components/composer/folded.tsx,
 * and the last posts' edit form), or that only a rarer state of the popup shows: weighed
 * one by one, outside the page's budget. Named
 * one by one on purpose: a new lazy chunk fails the measure until it is placed here or
 * in AT_REST, so nothing slips out of the budget unseen.
 */
export const ON_DEMAND = [
  'ToolMenuList',
  'LanguageList',
  'ScheduleField',
  'PollEditor',
  'AlsoPostAsChoices',
  'Suggestions',
  'MediaList',
  'AltTextNudge',
  'ThreadEditor',
  'ThreadOffer',
  'ServerOptions',
  'PostResult',
  'TargetResults',
  'PostErrorMessage',
  'ProblemItems',
  'problems',
  // The last posts, unfolded under the composer, and their edit form.
  'RecentPostList',
  'EditPostForm',
  // Attaching files, and the file store, with the first file attached or taken off.
  'add-files',
  'idb-blob-store',
  // The connect flow (components/ConnectView.tsx: a connected popup never draws it), and
  // its rarer states: a failed connect, a refused registration, an account waiting for
  // its server's approval.
  'ConnectView',
  'ConnectErrorMessage',
  'ManualCredentialsForm',
  'WaitingAccount',
  // Lists drawn only when the background has something in them: stored data set aside
  // as unreadable, share windows closed before posting.
  'SetAsideNotes',
  'UnfinishedShares',
] as const;

/** The popup's sign-up form, on "Create an account": its own budget (BUDGETS.signUpForm). */
const SIGN_UP = 'SignUpView';

/** Vite's chunk file name `chunks/<name>-<8-character hash>.js`, back to `<name>`. */
const chunkName = (file: string) => /^chunks\/(.+)-[\w-]{8}\.js$/.exec(file)?.[1] ?? file;

/**
 * What an HTML page of the build loads at rest (see PageSize), what it loads before its
 * first paint (the HTML's own files), and each on-demand chunk with what it brings. Every
 * lazy import reached must be named in AT_REST, ON_DEMAND or be the sign-up form.
 */
function pageSize(dir: string, html: string, page: keyof typeof AT_REST): PageSize {
  const source = readFileSync(join(dir, html), 'utf8');
  const initial = new Set<string>();
  for (const [tag] of source.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const file = tag.toLowerCase().startsWith('<script')
      ? attribute(tag, 'src')
      : rel === 'modulepreload' || rel === 'stylesheet'
        ? attribute(tag, 'href')
        : undefined;
    if (file) initial.add(file.replace(/^\//, ''));
  }
  if (![...initial].some((file) => file.endsWith('.js'))) throw new Error(`${html} loads no script: the HTML of the build changed shape`);

  /** The lazy imports met while following static imports from `roots`, beside all files reached. */
  const follow = (roots: Iterable<string>, known: ReadonlySet<string>) => {
    const found = new Set<string>();
    const lazy: { from: string; chunk: string; with: string[] }[] = [];
    const queue = [...roots];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (found.has(file) || known.has(file)) continue;
      found.add(file);
      if (!file.endsWith('.js')) continue;
      const { now, later } = loadsOf(dir, file);
      queue.push(...now);
      lazy.push(...later.map((l) => ({ from: file, ...l })));
    }
    return { found, lazy };
  };

  // At rest: the HTML's files, then each lazy chunk drawn as the page opens, to a fixpoint.
  const rest = new Set<string>();
  const pending: { from: string; chunk: string; with: string[] }[] = [];
  const add = (roots: Iterable<string>) => {
    const { found, lazy } = follow(roots, rest);
    found.forEach((file) => rest.add(file));
    pending.push(...lazy);
  };
  add(initial);
  const restNames: readonly string[] = AT_REST[page];
  // A for…of over an array visits what `add` pushes meanwhile: this runs to the fixpoint.
  for (const l of pending) if (restNames.includes(chunkName(l.chunk)) && !rest.has(l.chunk)) add([l.chunk, ...l.with]);
  // On demand: the lazy chunks not drawn at rest, and in turn those they load lazily
  // (the connect view's error sentences, the last posts' edit form…), to a fixpoint.
  const later = pending.filter((l) => !rest.has(l.chunk));
  for (const l of later) {
    for (const nested of follow([l.chunk, ...l.with], rest).lazy) {
      if (!rest.has(nested.chunk) && !later.some((known) => known.chunk === nested.chunk)) later.push(nested);
    }
  }
  const named = new Set<string>([...ON_DEMAND, SIGN_UP, ...restNames]);
  const unnamed = later.find((l) => !named.has(chunkName(l.chunk)));
  if (unnamed) {
    throw new Error(
      `${unnamed.from} loads ${unnamed.chunk} lazily, but bench/bundle-sizes.ts names it neither at rest nor on demand: add "${chunkName(unnamed.chunk)}" to AT_REST or ON_DEMAND`,
    );
  }

  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(dir, file), 0);
  const weigh = (files: Iterable<string>): Weighed => {
    const list = [...files];
    return { js: sum(list.filter((f) => f.endsWith('.js'))), css: sum(list.filter((f) => !f.endsWith('.js'))), files: list };
  };
  /** A lazy chunk with everything it brings (its preloads, their imports, its own lazy chunks not drawn at rest aside). */
  const brought = (name: string) => {
    const roots = later.filter((l) => chunkName(l.chunk) === name).flatMap((l) => [l.chunk, ...l.with]);
    return follow(roots, rest).found;
  };
  const onDemand = ON_DEMAND.filter((name) => later.some((l) => chunkName(l.chunk) === name)).map((name) => ({ name, ...weigh(brought(name)) }));
  return {
    ...weigh(rest),
    firstPaint: weigh(initial),
    onDemand,
    onDemandTotal: weigh(new Set(onDemand.flatMap((tool) => tool.files))),
    signUp: weigh(brought(SIGN_UP)),
  };
}

export function measureBundleSizes(dir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    action: { default_popup: string };
    options_ui: { page: string };
    background: { service_worker: string };
  };
  return {
    popup: pageSize(dir, manifest.action.default_popup, 'popup'),
    options: pageSize(dir, manifest.options_ui.page, 'options'),
    // Not in the manifest: the background opens it for sharing from the context menu.
    compose: pageSize(dir, 'compose.html', 'compose'),
    background: { js: gzipBytes(dir, manifest.background.service_worker), file: manifest.background.service_worker },
  };
}
