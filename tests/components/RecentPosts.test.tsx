// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { EditPostForm } from '@/components/EditPostForm';
import { RecentPosts } from '@/components/RecentPosts';
import { editForm, fakeRecentPosts, recentPost } from './recent-posts-fake';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The list as the popup draws it, then unfolded as a person would: by its heading's button. */
async function renderOpened(fake: ReturnType<typeof fakeRecentPosts>) {
  const view = render(<RecentPosts backend={fake} draftId="popup" version={0} />);
  fireEvent.click(await screen.findByRole('button', { name: 'Your last posts', expanded: false }));
  await screen.findByRole('list');
  return view;
}

describe('RecentPosts', () => {
  it('shows nothing before anything was posted here', async () => {
    const fake = fakeRecentPosts([]);
    const { container } = render(<RecentPosts backend={fake} draftId="popup" version={0} />);
    await waitFor(() => expect(fake.listRecentPosts).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });

  it('lists the last posts with a link, "Edited", and Edit only where the server can edit', async () => {
    const fake = fakeRecentPosts([
      recentPost({ statusId: '2', text: 'Second\nmore lines', editedAt: '2026-11-30T05:00:00Z' }),
      recentPost({ statusId: '1', text: 'First', spoilerText: 'A warning', accountId: 'bob@snac.example', editable: false }),
    ]);
    await renderOpened(fake);
    const list = screen.getByRole('region', { name: 'Your last posts' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Second · Edited'),
      expect.stringContaining('@bob@snac.example A warning'),
    ]);
    expect(within(items[0]!).getByRole('link', { name: 'Second' })).toHaveProperty('href', 'https://example.social/@alice/1');
    expect(within(items[0]!).getByRole('button', { name: 'Edit “Second”' })).toBeTruthy();
    expect(within(items[1]!).queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(within(items[1]!).getByRole('button', { name: 'Delete & redraft “A warning”' })).toBeTruthy();
  });

  it('is folded under its heading, which opens and closes the list', async () => {
    const fake = fakeRecentPosts([recentPost()]);
    render(<RecentPosts backend={fake} draftId="popup" version={0} />);
    const fold = await screen.findByRole('button', { name: 'Your last posts', expanded: false });
    expect(screen.queryByRole('link', { name: 'A cat on a mat' })).toBeNull();
    fireEvent.click(fold);
    expect(await screen.findByRole('link', { name: 'A cat on a mat' })).toBeTruthy();
    expect(fold.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(fold);
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('link', { name: 'A cat on a mat' })).toBeNull();
  });

  it('reads the list again when told a post was made', async () => {
    const fake = fakeRecentPosts([]);
    const { rerender } = render(<RecentPosts backend={fake} draftId="popup" version={0} />);
    await waitFor(() => expect(fake.listRecentPosts).toHaveBeenCalledTimes(1));
    fake.listRecentPosts.mockResolvedValue([recentPost({ text: 'Just posted' })]);
    rerender(<RecentPosts backend={fake} draftId="popup" version={1} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Your last posts' }));
    expect(await screen.findByRole('link', { name: 'Just posted' })).toBeTruthy();
  });

  it('edits a post: opens its source, saves the changes, and shows it as edited', async () => {
    const fake = fakeRecentPosts([recentPost()]);
    await renderOpened(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit “A cat on a mat”' }));
    const form = await screen.findByRole('form', { name: 'Edit post' });
    expect(fake.openEdit).toHaveBeenCalledWith({ accountId: 'alice@example.social', statusId: '1' });
    fireEvent.input(within(form).getByLabelText('New text'), { target: { value: 'A cat on a hat' } });
    fireEvent.input(within(form).getByLabelText('Alt text for attachment 1'), { target: { value: 'A grey cat' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(fake.saveEdit).toHaveBeenCalledWith({
      accountId: 'alice@example.social',
      statusId: '1',
      changes: { text: 'A cat on a hat', spoilerText: '', sensitive: false, language: 'en', descriptions: { m1: 'A grey cat' } },
    });
    expect(screen.getByRole('status').textContent).toBe('Saved. The post shows as edited.');
    expect(screen.getByRole('listitem').textContent).toContain('A cat on a hat · Edited');
  });

  it("keeps the form and says why when the server refuses the edit", async () => {
    const fake = fakeRecentPosts([recentPost()]);
    fake.saveEdit.mockResolvedValue({ ok: false, error: { code: 'rejected', status: 422, detail: "Validation failed: Text can't be blank" } });
    await renderOpened(fake);
    fireEvent.click(await screen.findByRole('button', { name: /^Edit/ }));
    const form = await screen.findByRole('form', { name: 'Edit post' });
    fireEvent.input(within(form).getByLabelText('New text'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain("Validation failed: Text can't be blank");
    expect(screen.getByRole('form', { name: 'Edit post' })).toBeTruthy();
  });

  it('says when the server kept the old alt text', async () => {
    const fake = fakeRecentPosts([recentPost()]);
    fake.saveEdit.mockResolvedValue({ ok: true, post: recentPost({ editedAt: 'x' }), notApplied: ['altText'] });
    await renderOpened(fake);
    fireEvent.click(await screen.findByRole('button', { name: /^Edit/ }));
    fireEvent.click(within(await screen.findByRole('form')).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Saved, but the server kept the old alt text.');
  });

  it('asks before Delete & redraft, then the post leaves the list', async () => {
    const fake = fakeRecentPosts([recentPost()]);
    fake.deleteAndRedraft.mockResolvedValue({ ok: true, state: {} as never, mediaLost: 0 });
    await renderOpened(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete & redraft “A cat on a mat”' }));
    const question = screen.getByRole('group');
    expect(question.textContent).toContain('Delete this post and put it back into the composer?');
    expect(fake.deleteAndRedraft).not.toHaveBeenCalled();
    fireEvent.click(within(question).getByRole('button', { name: 'Delete & redraft' }));
    expect((await screen.findByRole('status')).textContent).toBe('Deleted. The post is back in the composer as a new draft.');
    expect(fake.deleteAndRedraft).toHaveBeenCalledWith({ accountId: 'alice@example.social', statusId: '1', draftId: 'popup' });
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('deletes nothing when the composer holds a new draft, and says so', async () => {
    const fake = fakeRecentPosts([recentPost()]);
    await renderOpened(fake);
    fireEvent.click(await screen.findByRole('button', { name: /^Delete & redraft/ }));
    fireEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Delete & redraft' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing was deleted.');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });
});

describe('EditPostForm', () => {
  it('shows alt text read-only, with a note, where the server keeps it', () => {
    render(<EditPostForm form={editForm({ altText: false })} saving={false} onSave={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByLabelText('Alt text for attachment 1')).toHaveProperty('readOnly', true);
    expect(screen.getByText('This server keeps the alt text of posted media as it is.')).toBeTruthy();
  });

  it('edits the warning and the sensitive flag; Cancel changes nothing', () => {
    const onSave = vi.fn();
    const onCancel = vi.fn();
    render(<EditPostForm form={editForm()} saving={false} onSave={onSave} onCancel={onCancel} />);
    fireEvent.input(screen.getByLabelText('New content warning'), { target: { value: 'cats' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mark media as sensitive' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith({ text: 'A cat on a mat', spoilerText: 'cats', sensitive: true, language: 'en', descriptions: { m1: 'A cat' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });

  it('is disabled while saving', () => {
    render(<EditPostForm form={editForm()} saving={true} onSave={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByRole('button', { name: 'Saving…' })).toHaveProperty('disabled', true);
    expect(screen.getByLabelText('New text')).toHaveProperty('disabled', true);
  });
});
