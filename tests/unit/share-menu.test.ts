import { describe, expect, it } from 'vitest';
import { menuItems, readMenuId } from '@/lib/share/menu';

describe('context menu', () => {
  it('has one item per context for a single account', () => {
    expect(menuItems(['a@x']).map((i) => [i.id, i.title.key, i.contexts])).toEqual([
      ['share:page', 'menuSharePage', ['page']],
      ['share:selection', 'menuShareSelection', ['selection']],
      ['share:link', 'menuShareLink', ['link']],
      ['share:image', 'menuShareImage', ['image']],
    ]);
  });

  it('adds a submenu per account when there are several', () => {
    const items = menuItems(['a@x', 'b@y']);
    expect(items).toHaveLength(4 + 2 * 5);
    expect(items.find((i) => i.id === 'account:b@y')).toMatchObject({ title: { key: 'menuShareAs', substitution: '@b@y' } });
    expect(items.find((i) => i.id === 'share:link:b@y')).toMatchObject({ parentId: 'account:b@y', contexts: ['link'] });
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('each account’s submenu shows wherever one of its items does, each item titled for its context', () => {
    const items = menuItems(['a@x', 'b@y']);
    expect(items.find((i) => i.id === 'account:a@x')?.contexts).toEqual(['page', 'selection', 'link', 'image']);
    expect(items.filter((i) => i.parentId === 'account:a@x').map((i) => [i.id, i.title, i.contexts])).toEqual([
      ['share:page:a@x', { key: 'menuAccountPage' }, ['page']],
      ['share:selection:a@x', { key: 'menuAccountSelection' }, ['selection']],
      ['share:link:a@x', { key: 'menuAccountLink' }, ['link']],
      ['share:image:a@x', { key: 'menuAccountImage' }, ['image']],
    ]);
  });

  it('reads clicked ids back', () => {
    expect(readMenuId('share:selection')).toEqual({ kind: 'selection', accountId: undefined });
    expect(readMenuId('share:image:bob@127.0.0.1:3000')).toEqual({ kind: 'image', accountId: 'bob@127.0.0.1:3000' });
    expect(readMenuId('account:bob@x')).toBeNull();
    expect(readMenuId('something-else')).toBeNull();
    // Only ids that are wholly ours: another extension's or a longer kind are not.
    expect(readMenuId('other:share:page')).toBeNull();
    expect(readMenuId('share:pages')).toBeNull();
  });
});
