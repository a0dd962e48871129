import type { ShareKind } from './template';

export const SHARE_KINDS = ['page', 'selection', 'link', 'image'] as const satisfies readonly ShareKind[];

export interface MenuItem {
  id: string;
  /** A message key and its substitution; the browser side translates. */
  title: { key: MenuTitleKey; substitution?: string };
  /** Never empty: the browser requires at least one. */
  contexts: [ShareKind, ...ShareKind[]];
  parentId?: string;
}

export type MenuTitleKey =
  | 'menuSharePage'
  | 'menuShareSelection'
  | 'menuShareLink'
  | 'menuShareImage'
  | 'menuShareAs'
  | 'menuAccountPage'
  | 'menuAccountSelection'
  | 'menuAccountLink'
  | 'menuAccountImage';

const TOP_TITLE: Record<ShareKind, MenuTitleKey> = {
  page: 'menuSharePage',
  selection: 'menuShareSelection',
  link: 'menuShareLink',
  image: 'menuShareImage',
};
const ACCOUNT_TITLE: Record<ShareKind, MenuTitleKey> = {
  page: 'menuAccountPage',
  selection: 'menuAccountSelection',
  link: 'menuAccountLink',
  image: 'menuAccountImage',
};

/**
 * The context menu: "Share page to Mastodon" and its siblings share as the default
 * account; with several accounts, a submenu per account offers the same as that one.
 */
export function menuItems(accountIds: readonly string[]): MenuItem[] {
  const items: MenuItem[] = SHARE_KINDS.map((kind) => ({ id: `share:${kind}`, title: { key: TOP_TITLE[kind] }, contexts: [kind] }));
  if (accountIds.length < 2) return items;
  for (const accountId of accountIds) {
    const parentId = `account:${accountId}`;
    items.push({ id: parentId, title: { key: 'menuShareAs', substitution: `@${accountId}` }, contexts: [...SHARE_KINDS] });
    for (const kind of SHARE_KINDS) {
      items.push({ id: `share:${kind}:${accountId}`, title: { key: ACCOUNT_TITLE[kind] }, contexts: [kind], parentId });
    }
  }
  return items;
}

/** A clicked menu item's id → what to share and as whom (null: not one of ours). */
export function readMenuId(id: string): { kind: ShareKind; accountId?: string } | null {
  const match = /^share:(page|selection|link|image)(?::(.+))?$/.exec(id);
  if (!match) return null;
  return { kind: match[1] as ShareKind, accountId: match[2] };
}
