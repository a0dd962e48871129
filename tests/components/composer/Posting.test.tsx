// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import type { PostError, PostOutcome } from '@/lib/messages';
import { alice, bob, fakeComposer } from './fake';
import { deferred } from '../../helpers/deferred';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

async function renderComposer(fake: Fake) {
  const onReconnect = vi.fn();
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={onReconnect} />);
  await screen.findByRole('textbox', { name: 'Post text' });
  return { onReconnect };
}

const textBox = () => screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement;
const postButton = () => screen.getByRole('button', { name: 'Post' }) as HTMLButtonElement;

describe('Composer posting', () => {
  it('saves what was just typed, posts, links to the post and starts a fresh draft', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    fireEvent.input(textBox(), { target: { value: 'Hello, fediverse!' } });
    fireEvent.click(postButton());
    await screen.findByRole('link', { name: 'View post' });

    expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { text: 'Hello, fediverse!' } });
    expect(fake.backend.updateDraft.mock.invocationCallOrder[0]).toBeLessThan(fake.backend.post.mock.invocationCallOrder[0]!);
    expect(fake.backend.post).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', idempotencyKey: 'key-1' });
    const link = screen.getByRole('link', { name: 'View post' }) as HTMLAnchorElement;
    expect(link.href).toBe('https://example.social/@alice/110');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(screen.getByText('Posted.', { exact: false })).toBeTruthy();
    expect(textBox().value).toBe('');
    expect(fake.backend.getComposer).toHaveBeenCalledTimes(2);
    expect(postButton().disabled).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(textBox()));
  });

  it('still shows the post when the fresh draft cannot be loaded afterwards', async () => {
    const fake = fakeComposer({ draft: { text: 'Posted anyway' } });
    await renderComposer(fake);
    fake.backend.getComposer.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).textContent).toBe("Your draft couldn't be loaded. Close this and open it again.");
    expect(screen.getByRole('link', { name: 'View post' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Post text' })).toBeNull();
  });

  it('says when a scheduled post will go out', async () => {
    const fake = fakeComposer({ draft: { text: 'Tomorrow', scheduledAt: '2099-03-04T09:30:00.000Z' } });
    fake.backend.post.mockResolvedValueOnce({ ok: true, url: null, scheduledAt: '2099-03-04T09:30:00.000Z' });
    await renderComposer(fake);
    fireEvent.click(postButton());
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2099-03-04T09:30:00.000Z'));
    expect((await screen.findByText(/^Scheduled for/)).textContent).toBe(`Scheduled for ${expected}.`);
    expect(screen.queryByRole('link', { name: 'View post' })).toBeNull();
  });

  it('posts with Ctrl+Enter or Cmd+Enter from the text box', async () => {
    const fake = fakeComposer({ draft: { text: 'Quick' } });
    await renderComposer(fake);
    fireEvent.keyDown(textBox(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
    await screen.findByRole('link', { name: 'View post' });

    fireEvent.input(textBox(), { target: { value: 'Again' } });
    fireEvent.keyDown(textBox(), { key: 'Enter', metaKey: true });
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledTimes(2));
    // Plain Enter is a new line.
    fireEvent.input(textBox(), { target: { value: 'Line' } });
    fireEvent.keyDown(textBox(), { key: 'Enter' });
    expect(fake.backend.post).toHaveBeenCalledTimes(2);
  });

  it('does not post twice while posting, and locks the form meanwhile', async () => {
    const fake = fakeComposer({ draft: { text: 'Once' } });
    const answer = deferred<PostOutcome>();
    fake.backend.post.mockReturnValueOnce(answer.promise);
    await renderComposer(fake);
    fireEvent.click(postButton());
    await waitFor(() => expect(postButton().disabled).toBe(true));
    expect(screen.getByText('Posting…')).toBeTruthy();
    expect((textBox().closest('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    fireEvent.keyDown(textBox(), { key: 'Enter', ctrlKey: true });
    await act(async () => answer.resolve({ ok: true, url: 'https://example.social/@alice/1', scheduledAt: null }));
    await waitFor(() => expect(screen.queryByText('Posting…')).toBeNull());
    expect(fake.backend.post).toHaveBeenCalledOnce();
  });

  const errors: [PostError, string][] = [
    [{ code: 'rejected', status: 422, detail: 'Validation failed: Text character limit of 500 exceeded' }, 'example.social didn\'t accept the post: “Validation failed: Text character limit of 500 exceeded”. Your draft is kept.'],
    [{ code: 'rejected', status: 400 }, "example.social didn't accept the post (HTTP 400). Your draft is kept."],
    [{ code: 'forbidden', detail: 'This action is not allowed' }, "example.social doesn't allow this account to post: “This action is not allowed”. Your draft is kept."],
    [{ code: 'forbidden' }, "example.social doesn't allow this account to post. Your draft is kept."],
    [{ code: 'rate-limited' }, 'example.social is limiting posts for now. Wait a few minutes, then try again.'],
    [{ code: 'unexpected-response' }, "example.social sent an answer Fedipost doesn't understand. Your draft is kept."],
    [{ code: 'no-account' }, 'Connect an account to post. Your draft is kept.'],
    [{ code: 'redirected' }, "example.social tried to send your post somewhere else (a redirect). Fedipost doesn't follow it, so nothing went there. Your draft is kept."],
    [
      { code: 'too-long', status: 400, detail: 'Bad Request: status too long', limit: 5000 },
      'example.social refused the post as too long: “Bad Request: status too long” (the limit used: 5000 characters). Your draft is kept.',
    ],
    [
      { code: 'server-altered', differences: ['text', 'visibility'], deleted: true },
      'example.social posted something other than what you wrote (different text, visibility), so Fedipost removed that post. Your draft is kept.',
    ],
    [
      { code: 'server-altered', differences: ['spoiler'], deleted: false },
      "example.social posted something other than what you wrote (different content warning), and Fedipost couldn't remove it: please check your profile. Your draft is kept.",
    ],
  ];
  it.each(errors)('keeps the draft and explains %o', async (error, sentence) => {
    const fake = fakeComposer({ draft: { text: 'Keep me' } });
    fake.backend.post.mockResolvedValueOnce({ ok: false, error });
    await renderComposer(fake);
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(textBox().value).toBe('Keep me');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(postButton().disabled).toBe(false);
  });

  it('tells the person when extra copies a lost answer left were removed, or could not be', async () => {
    const fake = fakeComposer({ draft: { text: 'Once only' } });
    fake.backend.post.mockResolvedValueOnce({ ok: true, url: 'https://example.social/@alice/1', scheduledAt: null, removedCopies: 2, leftCopies: 1 });
    await renderComposer(fake);
    fireEvent.click(postButton());
    await screen.findByRole('link', { name: 'View post' });
    expect(screen.getByText('The server had posted it more than once while its answer was lost; Fedipost removed 2 extra copies.')).toBeTruthy();
    expect(
      screen.getByText('The server had posted it more than once while its answer was lost; 1 extra copies could not be removed: please check your profile.'),
    ).toBeTruthy();
  });

  it('names the time after which a rate-limited post may be retried', async () => {
    const fake = fakeComposer({ draft: { text: 'Keep me' } });
    const retryAt = new Date(Date.now() + 10 * 60_000);
    fake.backend.post.mockResolvedValueOnce({ ok: false, error: { code: 'rate-limited', retryAt: retryAt.toISOString() } });
    await renderComposer(fake);
    fireEvent.click(postButton());
    const time = new Intl.DateTimeFormat('en', { ...(retryAt.toDateString() === new Date().toDateString() ? {} : { dateStyle: 'medium' }), timeStyle: 'short' }).format(retryAt);
    expect((await screen.findByRole('alert')).textContent).toBe(`example.social is limiting posts for now. Try again after ${time}.`);
  });

  it.each<[PostError | 'no answer', string]>([
    [{ code: 'server-error', status: 503 }, "example.social had a problem (HTTP 503), so the post may not have gone out. Try again: Fedipost first looks among your latest posts for it, and removes any extra copy."],
    [{ code: 'unreachable' }, "Couldn't reach example.social, or its answer was lost, so the post may not have gone out. Try again: Fedipost first looks among your latest posts for it, and removes any extra copy."],
    ['no answer', "Fedipost got no answer, so the post may not have gone out. Try again: Fedipost first looks among your latest posts for it, and removes any extra copy."],
    [{ code: 'response-too-large' }, "example.social sent an answer far larger than a Mastodon server sends (over 1 MB), so Fedipost stopped reading it; the post may have gone out. Try again: Fedipost first looks among your latest posts for it, and removes any extra copy."],
  ])('after %o offers to try again, which posts the same draft', async (error, sentence) => {
    const fake = fakeComposer({ draft: { text: 'Keep me' } });
    // No answer twice: the composer asks once more by itself before it tells the person.
    if (error === 'no answer') fake.backend.post.mockRejectedValueOnce(new Error('Receiving end does not exist.')).mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    else fake.backend.post.mockResolvedValueOnce({ ok: false, error });
    await renderComposer(fake);
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).textContent).toBe(`${sentence}Try again`);
    expect(textBox().value).toBe('Keep me');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('link', { name: 'View post' });
    expect(fake.backend.post).toHaveBeenCalledTimes(error === 'no answer' ? 3 : 2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists the problems the background found', async () => {
    const fake = fakeComposer({ draft: { text: 'Keep me' } });
    fake.backend.post.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-draft', problems: [{ code: 'media-not-ready' }, { code: 'too-long', over: 3 }] },
    });
    await renderComposer(fake);
    fireEvent.click(postButton());
    const alert = await screen.findByRole('alert');
    expect(alert.querySelector('p')!.textContent).toBe("This post can't be sent yet:");
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Wait for the uploads to finish.',
      'Too long: 3 over the character limit.',
    ]);
  });

  it('when the session has ended, offers to reconnect that account', async () => {
    const fake = fakeComposer({ draft: { text: 'Keep me' } });
    fake.backend.post.mockResolvedValueOnce({ ok: false, error: { code: 'unauthorized', accountId: alice.id } });
    const { onReconnect } = await renderComposer(fake);
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).querySelector('p')!.textContent).toBe(
      'Your session with @alice@example.social has ended. Reconnect to post: your draft is kept.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect @alice@example.social' }));
    expect(onReconnect).toHaveBeenCalledExactlyOnceWith(alice.id);
    expect(textBox().value).toBe('Keep me');
  });

  it('does not post when what was typed could not be saved, and saves it on the next try', async () => {
    const fake = fakeComposer();
    fake.backend.updateDraft.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    await renderComposer(fake);
    fireEvent.input(textBox(), { target: { value: 'Unsaved' } });
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Fedipost couldn't save your last change. It's still here: keep this open and try again.",
    );
    expect(fake.backend.post).not.toHaveBeenCalled();
    await waitFor(() => expect(postButton().disabled).toBe(false));

    fireEvent.click(postButton());
    await screen.findByRole('link', { name: 'View post' });
    expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { text: 'Unsaved' } });
    expect(fake.backend.post).toHaveBeenCalledOnce();
    expect(screen.queryByRole('alert')).toBeNull();
  });
  it('asks once more with the draft’s key when the background stopped before answering, and shows the post', async () => {
    const fake = fakeComposer({ draft: { text: 'Posted while the worker stopped' } });
    fake.backend.post.mockRejectedValueOnce(new Error('The message port closed before a response was received.'));
    await renderComposer(fake);
    fireEvent.click(postButton());
    await screen.findByRole('link', { name: 'View post' });
    expect(fake.backend.post.mock.calls).toEqual([
      [{ draftId: 'popup', idempotencyKey: 'key-1' }],
      [{ draftId: 'popup', idempotencyKey: 'key-1' }],
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Composer undo', () => {
  it('offers Undo after posting and brings the posted draft back', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    fireEvent.input(textBox(), { target: { value: 'Oops, a typo' } });
    fireEvent.click(postButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(textBox().value).toBe('Oops, a typo'));
    expect(fake.backend.undoPost).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup' });
    expect(screen.queryByRole('link', { name: 'View post' })).toBeNull();
    expect(postButton().disabled).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(textBox()));
  });

  it('hides Undo once the window has closed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const fake = fakeComposer();
      await renderComposer(fake);
      fireEvent.input(textBox(), { target: { value: 'For good' } });
      fireEvent.click(postButton());
      await screen.findByRole('button', { name: 'Undo' });
      await act(async () => {
        vi.setSystemTime(Date.now() + 31_000);
        await vi.advanceTimersByTimeAsync(31_000);
      });
      expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
      expect(screen.getByRole('link', { name: 'View post' })).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says why undo did not happen, and the post stays', async () => {
    const fake = fakeComposer();
    fake.backend.undoPost.mockResolvedValueOnce({ ok: false, error: { code: 'draft-in-use' } });
    await renderComposer(fake);
    fireEvent.input(textBox(), { target: { value: 'Posted' } });
    fireEvent.click(postButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Undo would replace the new draft you started: post or clear it first.');
    expect(screen.getByRole('link', { name: 'View post' })).toBeTruthy();
  });
});
