import { describe, expect, it } from 'vitest';
import { checkDrafts, emptyDraft, type DraftThread } from '@/lib/composer/draft';
import { checkDraft, partRemaining } from '@/lib/composer/rules';
import { applyPatch, mergeThreadEdit, newThread, partText, replyVisibility, threadStarted } from '@/lib/composer/thread';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';

const limits = { ...DEFAULT_LIMITS, maxCharacters: 20 };
const draft = (thread: DraftThread | null, extra = {}) => ({ ...emptyDraft('k', 'alice@example.social', 0), text: 'whole text', thread, ...extra });
const posted = (thread: DraftThread, index: number): DraftThread => ({
  ...thread,
  parts: thread.parts.map((p, i) => (i === index ? { ...p, posted: { id: `${i}`, url: null } } : p)),
});

describe('a thread in the draft', () => {
  it('counts each part with its numbering and the content warning', () => {
    const thread = newThread(['a'.repeat(16), 'b'.repeat(10)], true);
    expect(partText(thread, 1)).toBe(`${'b'.repeat(10)} 2/2`);
    expect(partRemaining(draft(thread), 0, limits)).toBe(0);
    expect(partRemaining(draft(thread, { spoilerEnabled: true, spoilerText: 'cw' }), 0, limits)).toBe(-2);
  });

  it('checks each part instead of the whole text, and refuses a scheduled thread', () => {
    const thread = newThread(['fits', '', 'c'.repeat(25)], false);
    expect(checkDraft(draft(thread), limits, 0)).toEqual([
      { code: 'part-empty', part: 1 },
      { code: 'part-too-long', part: 2, over: 5 },
    ]);
    expect(checkDraft(draft(newThread(['ok', 'fine'], false), { scheduledAt: '2099-01-01T00:00:00Z' }), limits, 0)).toEqual([{ code: 'thread-scheduled' }]);
  });

  it('lets only the first part be empty, and only when it carries the media; a part of exactly the limit fits', () => {
    const picture = { localId: 'img-1', fileName: 'cat.png', mimeType: 'image/png', size: 4, description: 'A cat', state: 'ready' as const, serverId: 'm1', uploadedFor: 'alice@example.social', previewUrl: null, descriptionSynced: true, error: null };
    // Blank (spaces only) is empty too.
    expect(checkDraft(draft(newThread(['  ', 'then words'], false)), limits, 0)).toEqual([{ code: 'part-empty', part: 0 }]);
    expect(checkDraft(draft(newThread(['  ', 'then words'], false), { media: [picture] }), limits, 0)).toEqual([]);
    // The media go with the first part only: a later blank part is still empty.
    expect(checkDraft(draft(newThread(['words', ' '], false), { media: [picture] }), limits, 0)).toEqual([{ code: 'part-empty', part: 1 }]);
    expect(checkDraft(draft(newThread(['a'.repeat(20), 'b'.repeat(21)], false)), limits, 0)).toEqual([{ code: 'part-too-long', part: 1, over: 1 }]);
  });

  it('refuses a thread for several accounts, which would go out whole to the others', () => {
    const thread = newThread(['ok', 'fine'], false);
    expect(checkDraft(draft(thread, { accountId: 'a', crosspostTo: ['b'] }), limits, 0)).toEqual([{ code: 'thread-crosspost' }]);
    // Its own account ticked again is still one account.
    expect(checkDraft(draft(thread, { accountId: 'a', crosspostTo: ['a'] }), limits, 0)).toEqual([]);
  });

  it('keeps posted parts as the server has them whatever a stale window sends', () => {
    const stored = posted(newThread(['one', 'two', 'three'], true), 0);
    const stale = { ...newThread(['ONE', 'TWO', 'THREE'], false), replyVisibility: 'private' as const };
    expect(mergeThreadEdit(stored, stale)).toEqual({
      numbered: true,
      replyVisibility: 'private',
      parts: [stored.parts[0], { text: 'TWO', posted: null, unconfirmedSince: null }, { text: 'THREE', posted: null, unconfirmedSince: null }],
    });
    expect(mergeThreadEdit(stored, null)).toBe(stored);
    expect(threadStarted(stored)).toBe(true);
    // Not started: the edit is taken as it is, back to one post included.
    const fresh = newThread(['one', 'two'], false);
    expect(mergeThreadEdit(fresh, null)).toBeNull();
    expect(applyPatch(draft(fresh), { text: 'x' }).thread).toBe(fresh);
  });

  it('replies go unlisted under a public first part, else follow it, unless chosen', () => {
    const thread = newThread(['a', 'b'], false);
    expect(replyVisibility(thread, 'public')).toBe('unlisted');
    expect(replyVisibility(thread, 'private')).toBe('private');
    expect(replyVisibility({ ...thread, replyVisibility: 'public' }, 'public')).toBe('public');
  });

  it('reads drafts stored before threads as one post, and keeps a stored thread', () => {
    const { thread: _, ...older } = draft(null);
    const stored = posted(newThread(['one', 'two'], true), 0);
    const { value, broken } = checkDrafts({ popup: older, 'share-1': draft(stored) });
    expect(broken).toEqual([]);
    expect(value.popup!.thread).toBeNull();
    expect(value['share-1']!.thread).toEqual(stored);
  });
});
