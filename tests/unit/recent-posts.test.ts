import { describe, expect, it } from 'vitest';
import { checkRecentPosts, createRecentPosts, RECENT_POSTS_PER_ACCOUNT } from '@/lib/composer/edit';
import { memoryValue } from '@/lib/stored-value';

const post = (n: number) => ({ statusId: String(n), url: `https://example.social/@a/${n}`, text: `Post ${n}`, spoilerText: '', postedAt: n, editedAt: null });

describe('recent posts', () => {
  it('keeps the newest few per account, newest first, one entry per status', async () => {
    const recent = createRecentPosts(memoryValue({}));
    for (let n = 1; n <= RECENT_POSTS_PER_ACCOUNT + 1; n++) await recent.posted('a@example.social', post(n));
    await recent.posted('b@other.example', post(100));
    await recent.posted('a@example.social', post(RECENT_POSTS_PER_ACCOUNT + 1));
    const map = await recent.list();
    expect(map['a@example.social']!.map((p) => p.statusId)).toEqual(['6', '5', '4', '3', '2']);
    expect(map['b@other.example']).toHaveLength(1);
    await recent.changed('a@example.social', '6', { text: 'Edited', editedAt: '2026-11-30T00:00:00Z' });
    await recent.removed('a@example.social', '5');
    expect((await recent.list())['a@example.social']!.slice(0, 2)).toMatchObject([{ text: 'Edited' }, { statusId: '4' }]);
  });

  it('drops damaged entries when read, keeping the rest', () => {
    const raw = { 'a@example.social': [post(1), { ...post(2), url: 'javascript:alert(1)' }, 'junk'], 'b@x': 'not a list' };
    expect(checkRecentPosts(raw)).toEqual({ value: { 'a@example.social': [post(1)] }, broken: [] });
    expect(checkRecentPosts(null)).toEqual({ value: {}, broken: [] });
  });
});
