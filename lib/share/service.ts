import type { ComposerService } from '../composer/service';
import type { DraftId } from '../messages';
import type { Settings } from '../settings';
import { cleanUrl, isShareableUrl } from './clean-url';
import { NO_PAGE_INFO, type PageInfo } from './page-meta';
import { shareText, type ShareContext } from './template';

export interface ShareDeps {
  composer: Pick<ComposerService, 'seed' | 'resolveQuote'>;
  settings(): Promise<Pick<Settings, 'shareTemplate' | 'stripTracking' | 'authorCredit'>>;
  /** Reads the shared tab's meta (fediverse:creator, OpenGraph) once; NO_PAGE_INFO when it can't. */
  readPage(tabId: number, pageUrl: string): Promise<PageInfo>;
  /** Downloads a shared image; fails where the page's server won't give it to us. */
  fetch: typeof globalThis.fetch;
  newId(): string;
  /** Opens the compose window on a draft, or on a message when there is nothing to share. */
  openComposer(target: { draftId: DraftId } | { problem: 'not-shareable' }): Promise<void>;
}

/** What a context-menu click or the keyboard shortcut shares, and as whom. */
export interface ShareRequest extends ShareContext {
  /** A per-account menu item; otherwise the default account. */
  accountId?: string;
  /** The tab the person acted on: the only page Fedipost may read. */
  tabId?: number;
}

/**
 * A share becomes a draft of its own (never overwriting the popup's), pre-filled from
 * the template, with a shared image attached when the page's server lets us fetch it.
 */
export async function share(deps: ShareDeps, request: ShareRequest): Promise<void> {
  const pageShareable = isShareableUrl(request.pageUrl);
  const linkShareable = request.kind === 'link' && request.linkUrl !== undefined && isShareableUrl(request.linkUrl);
  if (!pageShareable && !linkShareable && request.kind !== 'selection') {
    return deps.openComposer({ problem: 'not-shareable' });
  }
  const settings = await deps.settings();
  // A link's card and author are the linked page's, which Fedipost never reads: only a
  // page (its selection, an image on it) is described by the tab's own meta.
  const sharesPage = request.kind !== 'link' && pageShareable;
  const page = sharesPage && request.tabId !== undefined ? await deps.readPage(request.tabId, request.pageUrl) : NO_PAGE_INFO;
  let text = shareText({ ...request, authors: page.authors }, settings);
  const image = request.kind === 'image' && request.srcUrl ? await fetchImage(deps.fetch, request.srcUrl) : null;
  // An image we could not fetch is still shared: as its link.
  if (request.kind === 'image' && request.srcUrl && !image && isShareableUrl(request.srcUrl)) text = `${text}\n${request.srcUrl}`.trim();
  const draftId: DraftId = `share-${deps.newId()}`;
  await deps.composer.seed(draftId, {
    text,
    accountId: request.accountId,
    image: image ? { ...image, description: request.altText?.trim() ?? '' } : undefined,
    share: sharesPage
      ? {
          url: settings.stripTracking ? cleanUrl(request.pageUrl) : request.pageUrl,
          authors: page.authors,
          credit: settings.authorCredit,
          card: page.card,
          cardRemoved: false,
          activityPub: page.activityPub,
          quote: { accountId: null, check: 'checking', post: null, on: false },
        }
      : undefined,
  });
  await deps.openComposer({ draftId });
  // After the window opened: it shows "checking" until the instance answered.
  if (sharesPage) await deps.composer.resolveQuote(draftId);
}

async function fetchImage(fetch: typeof globalThis.fetch, url: string): Promise<{ blob: Blob; fileName: string } | null> {
  try {
    const response = await fetch(url, { credentials: 'omit' });
    if (!response.ok) return null;
    const blob = await response.blob();
    if (!blob.type.startsWith('image/')) return null;
    return { blob, fileName: fileNameFrom(url, blob.type) };
  } catch {
    return null;
  }
}

function fileNameFrom(url: string, type: string): string {
  const last = new URL(url, 'https://x.invalid').pathname.split('/').pop() ?? '';
  return /\.[a-z0-9]+$/i.test(last) ? decodeURIComponent(last) : `image.${type.split('/')[1] ?? 'png'}`;
}
