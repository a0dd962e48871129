import { browser, type Browser } from 'wxt/browser';
import type { ComposerService } from '@/lib/composer/service';
import type { DraftId } from '@/lib/messages';
import { menuItems, readMenuId } from '@/lib/share/menu';
import { NO_PAGE_INFO, parsePageMeta, readPageMetaInPage, type PageInfo } from '@/lib/share/page-meta';
import { share, type ShareRequest } from '@/lib/share/service';
import { readSettings } from '@/utils/settings-item';
import { t } from '@/utils/i18n';

/** The context menu for these accounts; replaces whatever was there (no duplicate ids). */
export async function rebuildContextMenus(accountIds: readonly string[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const item of menuItems(accountIds)) {
    browser.contextMenus.create({
      id: item.id,
      title: t(item.title.key, item.title.substitution),
      contexts: item.contexts,
      parentId: item.parentId,
    });
  }
}

/** A context-menu click as a share request (null: not one of ours). */
export function shareRequestFromClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): ShareRequest | null {
  const item = readMenuId(String(info.menuItemId));
  if (!item) return null;
  return {
    kind: item.kind,
    accountId: item.accountId,
    tabId: tab?.id,
    pageTitle: tab?.title ?? '',
    pageUrl: info.pageUrl ?? tab?.url ?? '',
    selectionText: info.selectionText,
    linkUrl: info.linkUrl,
    // Firefox tells the link's text; Chrome does not.
    linkText: (info as { linkText?: string }).linkText,
    srcUrl: info.srcUrl,
  };
}

/** A small window of the extension's own, on the shared draft (a tab where there are no windows). */
export async function openComposer(target: { draftId: DraftId } | { problem: 'not-shareable' }): Promise<void> {
  const query = 'draftId' in target ? `draft=${encodeURIComponent(target.draftId)}` : `problem=${target.problem}`;
  const url = browser.runtime.getURL(`/compose.html?${query}`);
  // Firefox for Android has no windows API ("Android does not support a windowing
  // environment", MDN, Differences between desktop and Android extensions).
  if (typeof browser.windows?.create !== 'function') await browser.tabs.create({ url });
  else await browser.windows.create({ url, type: 'popup', width: 480, height: 720 });
}

/** A page that does not answer this fast is shared without its meta. */
const READ_PAGE_TIMEOUT_MS = 1500;

/**
 * Reads the shared tab's meta with one injected function, under the activeTab grant that
 * the menu click or the shortcut gave for this tab (no host permission). Only the tab's
 * top frame, and only if it still shows the shared page. Anything failing reads as "no meta".
 */
export async function readPage(tabId: number, pageUrl: string): Promise<PageInfo> {
  try {
    const read = browser.scripting.executeScript({ target: { tabId }, func: readPageMetaInPage });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), READ_PAGE_TIMEOUT_MS));
    const [result] = await Promise.race([read, timeout]);
    // The tab may have navigated since the click: another page's meta would be wrong.
    const tab = await browser.tabs.get(tabId);
    if (tab.url !== undefined && tab.url !== pageUrl) return NO_PAGE_INFO;
    return parsePageMeta(result?.result, pageUrl);
  } catch {
    return NO_PAGE_INFO;
  }
}

export function shareWith(composer: ComposerService) {
  return (request: ShareRequest) =>
    share(
      {
        composer,
        settings: readSettings,
        readPage,
        fetch: globalThis.fetch.bind(globalThis),
        newId: () => crypto.randomUUID(),
        openComposer,
      },
      request,
    );
}
