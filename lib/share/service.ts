import type { ComposerService } from '../composer/service';
import type { DraftId } from '../messages';
import type { Settings } from '../settings';
import { isShareableUrl } from './clean-url';
import { shareText, type ShareContext } from './template';

export interface ShareDeps {
  composer: Pick<ComposerService, 'seed'>;
  settings(): Promise<Pick<Settings, 'shareTemplate' | 'stripTracking'>>;
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
  let text = shareText(request, settings);
  const image = request.kind === 'image' && request.srcUrl ? await fetchImage(deps.fetch, request.srcUrl) : null;
  // An image we could not fetch is still shared: as its link.
  if (request.kind === 'image' && request.srcUrl && !image && isShareableUrl(request.srcUrl)) text = `${text}\n${request.srcUrl}`.trim();
  const draftId: DraftId = `share-${deps.newId()}`;
  await deps.composer.seed(draftId, {
    text,
    accountId: request.accountId,
    image: image ? { ...image, description: request.altText?.trim() ?? '' } : undefined,
  });
  await deps.openComposer({ draftId });
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
