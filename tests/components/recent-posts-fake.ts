import { vi } from 'vitest';
import type { RecentPostsBackend } from '@/components/RecentPosts';
import type { DraftId, EditChanges, EditForm, EditOpenOutcome, EditSaveOutcome, RecentPostView, RedraftOutcome } from '@/lib/messages';

export const recentPost = (patch: Partial<RecentPostView> = {}): RecentPostView => ({
  accountId: 'alice@example.social',
  statusId: '1',
  url: 'https://example.social/@alice/1',
  text: 'A cat on a mat',
  spoilerText: '',
  postedAt: 1,
  editedAt: null,
  editable: true,
  ...patch,
});

export const editForm = (patch: Partial<EditForm> = {}): EditForm => ({
  accountId: 'alice@example.social',
  statusId: '1',
  text: 'A cat on a mat',
  spoilerText: '',
  sensitive: false,
  language: 'en',
  media: [{ id: 'm1', type: 'image', previewUrl: null, description: 'A cat' }],
  altText: true,
  ...patch,
});

/** The background's side of the last posts, answering as told. */
export function fakeRecentPosts(posts: RecentPostView[] = []) {
  return {
    listRecentPosts: vi.fn(async () => structuredClone(posts)),
    openEdit: vi.fn(async (_data: { accountId: string; statusId: string }): Promise<EditOpenOutcome> => ({ ok: true, form: editForm() })),
    saveEdit: vi.fn(
      async (data: { accountId: string; statusId: string; changes: EditChanges }): Promise<EditSaveOutcome> => ({
        ok: true,
        post: recentPost({ text: data.changes.text, editedAt: '2026-11-30T05:00:00Z' }),
        notApplied: [],
      }),
    ),
    deleteAndRedraft: vi.fn(async (_data: { accountId: string; statusId: string; draftId: DraftId }): Promise<RedraftOutcome> => ({ ok: false, error: { code: 'draft-in-use' } })),
  } satisfies RecentPostsBackend;
}
