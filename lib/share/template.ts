import type { Settings } from '../settings';
import { cleanUrl, isShareableUrl } from './clean-url';
import { creditText } from './credit';

export const PLACEHOLDERS = ['title', 'url', 'selection', 'author'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

/** Quotes and brackets that only make sense around something: `“{selection}”`. */
const PAIRS: Record<string, string> = {
  '“': '”',
  '”': '”', // Swedish, Finnish
  '„': '“', // German
  '‘': '’',
  '‚': '‘',
  '"': '"',
  "'": "'",
  '«': '»',
  '»': '«', // Danish
  '‹': '›',
  '(': ')',
  '[': ']',
  '「': '」',
  '『': '』',
};

/** What joins two placeholders on one line: `{title} — {url}`, `{title}: {url}`. */
const LEADING_SEPARATOR = /^[\s\-–—|:·•,;/]+/;
const TRAILING_SEPARATOR = /[\s\-–—|:·•,;/]+$/;

type Segment = { text: string; value: boolean };

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * One line of the template, filled; null when the line should go. A line exists to
 * present its placeholders, so when every one of them is empty the whole line goes,
 * its quotes and labels with it. On a line that keeps some text, an empty placeholder
 * takes its enclosing quotes or brackets and one of its separators along.
 */
function fillLine(line: string, values: TemplateValues): string | null {
  const segments: Segment[] = [];
  let placeholders = 0;
  let filled = 0;
  const push = (text: string, value: boolean) => {
    const last = segments.at(-1);
    if (!value && last && !last.value) last.text += text;
    else segments.push({ text, value });
  };
  // split with a capture group: literal text at even indexes, names at odd ones.
  line.split(/\{(\w+)\}/).forEach((part, i) => {
    if (i % 2 === 0) push(part, false);
    else if (!isPlaceholder(part)) push(`{${part}}`, false); // unknown: the person's own text
    else {
      placeholders += 1;
      const value = values[part].trim();
      if (value) filled += 1;
      push(value, true);
    }
  });
  if (placeholders > 0 && filled === 0) return null;

  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (!segment.value || segment.text) continue;
    const before = segments[i - 1];
    const after = segments[i + 1];
    const open = before?.value === false ? before.text.at(-1) : undefined;
    if (before && after && !after.value && open && PAIRS[open] === after.text[0]) {
      before.text = before.text.slice(0, -1);
      after.text = after.text.slice(1);
    }
    const atStart = segments.slice(0, i).every((s) => !s.text.trim());
    if (atStart) {
      if (after && !after.value) after.text = after.text.replace(LEADING_SEPARATOR, '');
    } else if (before && !before.value) {
      before.text = before.text.replace(TRAILING_SEPARATOR, '');
    }
  }
  return segments
    .map((s) => s.text)
    .join('')
    .trimEnd();
}

/**
 * The template with `{title}`, `{url}`, `{selection}` and `{author}` filled in. Unknown `{names}` stay
 * as written. What an empty value leaves behind is tidied away (see fillLine), blank
 * lines never pile up beyond one, and the result is trimmed.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template
    .split(/\r?\n/)
    .map((line) => fillLine(line, values))
    .filter((line) => line !== null)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export type ShareKind = 'page' | 'selection' | 'link' | 'image';

/** What the context menu tells about a click (contextMenus.OnClickData + the tab). */
export interface ShareContext {
  kind: ShareKind;
  pageTitle: string;
  pageUrl: string;
  selectionText?: string;
  linkUrl?: string;
  linkText?: string;
  /** The image (kind `image`): it goes into the draft as media, not as text. */
  srcUrl?: string;
  altText?: string;
  /** The page's `fediverse:creator` handles (`user@host`), validated. */
  authors?: readonly string[];
}

/**
 * The first text of a draft shared from the context menu. A link shares the link (its
 * URL and text), anything else the page; `{author}` credits the page's author as the
 * options say ("via @user@host"). A URL readers could not open (browser pages,
 * files, javascript:) is left out; a title that merely repeats the URL (what browsers
 * show for untitled pages and bare links) too.
 */
export function shareText(
  context: ShareContext,
  settings: Pick<Settings, 'shareTemplate' | 'stripTracking' | 'authorCredit'>,
): string {
  const link = context.kind === 'link';
  const rawUrl = (link ? context.linkUrl : context.pageUrl)?.trim() ?? '';
  const url = !isShareableUrl(rawUrl) ? '' : settings.stripTracking ? cleanUrl(rawUrl) : rawUrl;
  // Titles and link texts may span lines in the page's markup; they read as one.
  const title = ((link ? context.linkText : context.pageTitle) ?? '').replace(/\s+/g, ' ').trim();
  return fillTemplate(settings.shareTemplate, {
    title: title === rawUrl || title === url ? '' : title,
    url,
    selection: context.kind === 'selection' ? (context.selectionText ?? '') : '',
    author: creditText(context.authors ?? [], settings.authorCredit),
  });
}
