import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ARTIFACTS } from '../../../scripts/support/paths.ts';
import { DEFAULT_TIMEOUT_MS, type AxeViolation, type Fit, type Focused, type PageLike, type Role, type TestFile } from './types.ts';

/** axe-core as one script, run inside the page by the driver (no page CSP applies to that). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs in the page: whether axe-core is there yet. */
function hasAxe(): boolean {
  return 'axe' in window;
}

/** Runs in the page: axe-core's full rule set (WCAG 2.x A/AA, contrast included, and best practices) on the whole document. */
async function runAxe(): Promise<AxeViolation[]> {
  type AxeNode = { target: unknown[]; failureSummary?: string };
  type AxeResult = { id: string; impact?: string | null; help: string; nodes: AxeNode[] };
  const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
  const { violations } = await axe.run(document, { resultTypes: ['violations'] });
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  }));
}

/** Runs in the page: the focused element, as a keyboard user meets it. */
function focusedElement(): Focused {
  const element = document.activeElement as HTMLElement | null;
  if (!element || element === document.body) return { tag: 'body', role: null, name: '', ringVisible: false, ring: '' };
  const labelled = element.getAttribute('aria-labelledby');
  const labels = (element as HTMLInputElement).labels;
  const name =
    element.getAttribute('aria-label') ??
    (labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null) ??
    (labels && labels.length > 0 ? labels[0]!.textContent : null) ??
    element.textContent ??
    '';
  // A control drawn invisible over its icon (the toolbar's checkboxes) shows its focus on
  // the icon around it (:focus-within): that is the ring a person sees.
  const drawn = getComputedStyle(element).opacity === '0' && element.parentElement ? element.parentElement : element;
  const style = getComputedStyle(drawn);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== 'none';
  const implicitRole: Record<string, string> = { BUTTON: 'button', A: 'link', TEXTAREA: 'textbox', SELECT: 'combobox' };
  const inputRole = element.tagName === 'INPUT' ? ({ checkbox: 'checkbox', radio: 'radio' } as Record<string, string>)[(element as HTMLInputElement).type] ?? 'textbox' : null;
  return {
    tag: element.tagName.toLowerCase(),
    role: element.getAttribute('role') ?? inputRole ?? implicitRole[element.tagName] ?? null,
    name: name.replace(/\s+/g, ' ').trim(),
    // The computed style of the focused element includes its :focus / :focus-visible rules.
    ringVisible: outline || shadow,
    ring: `outline ${style.outlineStyle} ${style.outlineWidth}; box-shadow ${style.boxShadow}; :focus-visible ${element.matches(':focus-visible')}; page focused ${document.hasFocus()}`,
  };
}

/**
 * Runs in the page: what a person can read there, its visible text plus the choices of
 * its drop-down lists (Chromium's innerText includes those, Firefox's does not).
 */
function shownText(): string {
  const choices = [...document.querySelectorAll('select')]
    .filter((select) => select.checkVisibility())
    .flatMap((select) => [...select.options].map((option) => option.text));
  return [document.body.innerText, ...choices].join('\n');
}

/** Runs in the page: the texts of the shown, non-empty elements with this role. */
function roleTexts(role: string): string[] {
  return [...document.querySelectorAll<HTMLElement>(`[role="${role}"]`)]
    .filter((element) => element.checkVisibility())
    .map((element) => element.innerText.trim())
    .filter((text) => text !== '');
}

/**
 * Runs in the page: fires at the labelled textbox what the browser fires when files are
 * pasted into it or dropped onto it, their DataTransfer holding the files. A page script
 * cannot start a native drag; the events are the ones the page's listeners receive
 * either way. (Firefox gives a page-made paste event no files: its driver pastes through
 * the real clipboard instead.)
 */
function deliverFiles({ label, files, how }: { label: string; files: TestFile[]; how: 'paste' | 'drop' }): boolean {
  const target = [...document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input')].find(
    (field) => field.labels?.[0]?.textContent?.trim() === label || field.getAttribute('aria-label') === label,
  );
  if (!target) throw new Error(`no textbox named ${label}`);
  const transfer = new DataTransfer();
  for (const file of files) {
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], file.name, { type: file.type }));
  }
  target.focus();
  if (how === 'paste') {
    return target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }
  for (const type of ['dragenter', 'dragover']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  return target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
}

/** Runs in the page: its content's height (the body's box; a popup window takes this size). */
function bodyHeight(): number {
  return Math.ceil(document.body.getBoundingClientRect().height);
}

/**
 * Runs in the page: its width, how far anything sticks out sideways, and the shown controls
 * smaller than `min` px either way. A checkbox or radio button is measured with its label,
 * which takes the same touch; a control inside a bigger one (the toolbar's checkboxes lie
 * over their whole button) is measured by that one.
 */
function measureFit(min: number): Fit {
  // The viewport's width with its scroll bar (a phone's scroll bars take no room; a desktop's do).
  const width = window.innerWidth;
  const overflow = Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const small: string[] = [];
  for (const control of document.querySelectorAll<HTMLElement>('button, select, textarea, input, [role="menuitem"], [role="option"]')) {
    if (!control.checkVisibility({ opacityProperty: false, visibilityProperty: true })) continue;
    let box = control.getBoundingClientRect();
    // Nothing to hit: not laid out, or kept for screen readers and pickers only (.visually-hidden).
    if (box.width <= 1 || box.height <= 1) continue;
    const label = control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type) ? control.closest('label') ?? control.labels?.[0] : null;
    const holder = control.parentElement?.closest<HTMLElement>('button, .tool');
    if (holder && holder !== control) box = holder.getBoundingClientRect();
    else if (label) {
      const around = label.getBoundingClientRect();
      box = new DOMRect(Math.min(box.left, around.left), Math.min(box.top, around.top), Math.max(box.width, around.width), Math.max(box.height, around.height));
    }
    if (box.width + 0.5 >= min && box.height + 0.5 >= min) continue;
    const labelled = 'labels' in control ? (control as HTMLInputElement).labels?.[0]?.textContent : null;
    const name = control.getAttribute('aria-label') ?? labelled ?? control.textContent ?? '';
    small.push(`${control.getAttribute('role') ?? control.tagName.toLowerCase()} ${JSON.stringify(name.trim().slice(0, 40))}: ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return { width, overflow, small };
}

const POLL_MS = 100;

/**
 * What both drivers do alike: reading the page, by functions run inside it, and waiting
 * for what a person would wait for. Subclasses add the browser's own input and capture.
 */
export abstract class PageBase implements PageLike {
  protected abstract readonly browserName: string;
  protected abstract inPage<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  protected abstract capture(fullPage: boolean): Promise<Buffer>;
  abstract type(label: string, text: string): Promise<void>;
  abstract typeSecret(label: string, text: string): Promise<void>;
  abstract click(button: string): Promise<void>;
  abstract check(checkbox: string): Promise<void>;
  abstract isChecked(checkbox: string): Promise<boolean>;
  abstract chooseFiles(button: string, paths: string[]): Promise<void>;
  abstract chooseFilesWithKey(key: string, paths: string[]): Promise<void>;
  abstract press(key: string): Promise<void>;
  abstract valueOf(label: string): Promise<string>;
  abstract waitFor(role: Role, name: string, timeoutMs?: number): Promise<void>;
  abstract isShown(role: Role, name: string): Promise<boolean>;
  abstract linkTarget(link: string): Promise<string>;
  abstract box(role: Role, name: string): Promise<{ x: number; y: number; width: number; height: number }>;
  abstract close(): Promise<void>;
  /** Runs a whole script (not a function) in the page. */
  protected abstract runScript(source: string): Promise<void>;

  async audit(): Promise<AxeViolation[]> {
    if (!(await this.inPage(hasAxe, undefined))) await this.runScript(AXE_SOURCE);
    return this.inPage(runAxe, undefined);
  }

  focused(): Promise<Focused> {
    return this.inPage(focusedElement, undefined);
  }

  abstract choose(role: 'menuitem' | 'menuitemradio' | 'option', name: string): Promise<void>;
  abstract typeHere(text: string): Promise<void>;

  abstract pasteImage(label: string, image: TestFile): Promise<string>;

  /** Fires a paste event carrying `files` at the labelled textbox (what Chromium's pasteImage does). */
  protected async dispatchPaste(label: string, files: TestFile[]): Promise<void> {
    const notTaken = await this.inPage(deliverFiles, { label, files, how: 'paste' as const });
    if (notTaken) throw new Error('the page did not take the pasted files');
  }

  async dropFiles(label: string, files: TestFile[]): Promise<void> {
    const notTaken = await this.inPage(deliverFiles, { label, files, how: 'drop' as const });
    if (notTaken) throw new Error('the page did not take the dropped files');
  }

  contentHeight(): Promise<number> {
    return this.inPage(bodyHeight, undefined);
  }

  fit(min: number): Promise<Fit> {
    return this.inPage(measureFit, min);
  }

  visibleText(): Promise<string> {
    return this.inPage(shownText, undefined);
  }

  async waitForText(text: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.poll(() => this.visibleText(), (shown) => shown.includes(text), JSON.stringify(text), timeoutMs);
  }

  async waitForRole(role: 'alert' | 'status', matching?: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
    const accept = (found: string[]) => (matching ? found.some((text) => matching.test(text)) : found.length > 0);
    const what = matching ? `role=${role} saying ${matching}` : `role=${role}`;
    const texts = await this.poll(() => this.inPage(roleTexts, role), accept, what, timeoutMs);
    return matching ? texts.find((text) => matching.test(text))! : texts[0]!;
  }

  async screenshot(name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<Buffer> {
    const png = await this.capture(fullPage);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${this.browserName}-${name}.png`), png);
    return png;
  }

  /** The error for an element that never showed, quoting what the person saw instead. */
  protected async notShown(what: string, timeoutMs: number): Promise<Error> {
    const shown = (await this.visibleText().catch(() => '(the page is gone)')).replace(/\s+/g, ' ').trim();
    return new Error(`${what} was not shown within ${timeoutMs} ms; the page shows: ${JSON.stringify(shown.slice(0, 600))}`);
  }

  private async poll<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      // A page in the middle of loading cannot be read for a moment: keep polling.
      const value = await read().catch(() => undefined);
      if (value !== undefined && accept(value)) return value;
      if (performance.now() > deadline) throw await this.notShown(what, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
