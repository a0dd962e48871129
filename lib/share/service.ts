import type { ComposerService } from '../composer/service';
import type { DraftId } from '../messages';
import type { Settings } from '../settings';
import { cleanUrl, isShareableUrl } from './clean-url';
import { sharedImageName } from './image';
import { NO_PAGE_INFO, type PageInfo } from './page-meta';
import { shareText, type ShareContext } from './template';

export interface ShareDeps {
  composer: Pick<ComposerService, 'seed' | 'fetchShared' | 'resolveQuote'>;
  settings(): Promise<Pick<Settings, 'shareTemplate' | 'stripTracking' | 'authorCredit'>>;
  /** Reads the shared tab's meta (fediverse:creator, OpenGraph) once; NO_PAGE_INFO when it can't. */
  readPage(tabId: number, pageUrl: string): Promise<PageInfo>;
  /** Overrides the shared image's time limit (tests). */
  imageTimeoutMs?: number;
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
  const text = shareText({ ...request, authors: page.authors }, settings);
  const draftId: DraftId = `share-${deps.newId()}`;
  const srcUrl = request.kind === 'image' ? request.srcUrl : undefined;
  const image = srcUrl ? { localId: deps.newId(), fileName: sharedImageName(srcUrl, 'image/png'), description: request.altText?.trim() ?? '', source: srcUrl } : undefined;
  await deps.composer.seed(draftId, {
    text,
    accountId: request.accountId,
    fetching: image,
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
  // The window opens at once; the image shows as "fetching…" and the quote check as
  // "checking…" until they are done.
  await deps.openComposer({ draftId });
  await Promise.all([
    sharesPage ? deps.composer.resolveQuote(draftId) : undefined,
    image ? deps.composer.fetchShared(draftId, image.localId, image.source, deps.imageTimeoutMs) : undefined,
  ]);
}
