// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { newThread } from '@/lib/composer/thread';
import type { Draft } from '@/lib/composer/draft';
import type { PostOutcome } from '@/lib/messages';
import { alice, bob, draftOf, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

const paragraphs = [
  'The first part of a long story, told in four.',
  'The second part goes on where the first stopped.',
  'The third part is where the server fails once.',
  'The fourth part ends it, posted after a retry.',
];
const longText = paragraphs.join('\n\n');
/** The test server's limit in the integration test: each paragraph fits, with " i/4". */
const limits = { [alice.id]: { maxCharacters: 60 } };

async function renderComposer(fake: Fake) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  await screen.findByRole('button', { name: 'Post' });
}

const postButton = () => screen.getByRole('button', { name: 'Post' }) as HTMLButtonElement;
const parts = () => within(screen.getByRole('list', { name: 'Thread parts' })).getAllByRole('textbox') as HTMLTextAreaElement[];
const part = (n: number, of: number) => screen.getByRole('textbox', { name: `Part ${n} of ${of}` }) as HTMLTextAreaElement;

/** What the background does while it posts: stores each part's status and tells the window. */
async function postedParts(fake: Fake, count: number) {
  const draft = fake.stored('popup');
  const thread = draft.thread!;
  const updated: Draft = {
    ...draft,
    thread: { ...thread, parts: thread.parts.map((p, i) => (i < count ? { ...p, posted: { id: `${i + 1}`, url: `https://example.social/@alice/${i + 1}` } } : p)) },
  };
  fake.drafts.popup = updated;
  await act(async () => fake.listeners.forEach((listener) => listener({ draftId: 'popup', draft: structuredClone(updated) })));
}

describe('Composer threads', () => {
  it('offers a thread instead of only "too long", numbered if chosen, and shows each part to edit', async () => {
    const fake = fakeComposer({ draft: { text: longText }, limits });
    await renderComposer(fake);
    expect(await screen.findByText('Too long: 131 over the character limit.')).toBeTruthy();
    expect(postButton().disabled).toBe(true);

    const numbering = (await screen.findByRole('checkbox', { name: 'Number the parts (“ 1/4”)' })) as HTMLInputElement;
    expect(numbering.checked).toBe(false);
    fireEvent.click(numbering);
    fireEvent.click(screen.getByRole('button', { name: 'Post as a thread of 4' }));

    await screen.findByRole('list', { name: 'Thread parts' });
    expect(screen.queryByRole('textbox', { name: 'Post text' })).toBeNull();
    expect(parts().map((box) => box.value)).toEqual(paragraphs);
    // Numbering is added when posting, and counted: " 1/4" is 4 more characters.
    expect(screen.getAllByText(/^Ends with “ \d\/4” \(counted\)$/)).toHaveLength(4);
    const counters = screen.getAllByRole('status').filter((el) => el.classList.contains('counter'));
    expect(counters.map((c) => c.getAttribute('aria-label'))).toEqual(
      paragraphs.map((p) => `Characters left: ${60 - [...p].length - 4}`),
    );
    expect(part(1, 4).getAttribute('aria-describedby')).toBe(counters[0]!.id);
    expect(screen.queryByText(/Too long/)).toBeNull();
    expect(postButton().disabled).toBe(false);
    await waitFor(() => expect(fake.stored('popup').thread).toEqual(newThread(paragraphs, true)));
  });

  it('saves each part as it is edited; a part over the limit blocks Post and says which', async () => {
    const fake = fakeComposer({ draft: { text: longText, thread: newThread(paragraphs, false) }, limits });
    await renderComposer(fake);
    await screen.findByRole('list', { name: 'Thread parts' });
    fireEvent.input(part(2, 4), { target: { value: 'Shorter second part.' } });
    await waitFor(() => expect(fake.stored('popup').thread!.parts[1]!.text).toBe('Shorter second part.'));
    expect(fake.stored('popup').thread!.parts.map((p) => p.text)).toEqual([paragraphs[0], 'Shorter second part.', paragraphs[2], paragraphs[3]]);

    fireEvent.input(part(3, 4), { target: { value: 'x'.repeat(65) } });
    expect(await screen.findByText('Part 3 is too long: 5 over the character limit.')).toBeTruthy();
    expect(part(3, 4).getAttribute('aria-invalid')).toBe('true');
    expect(postButton().disabled).toBe(true);
  });

  it('goes back to one post with the text as it was', async () => {
    const fake = fakeComposer({ draft: { text: longText, thread: newThread(paragraphs, false) }, limits });
    await renderComposer(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Back to one post' }));
    expect((screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement).value).toBe(longText);
    await waitFor(() => expect(fake.stored('popup').thread).toBeNull());
    expect(await screen.findByRole('button', { name: 'Post as a thread of 4' })).toBeTruthy();
  });

  it('replies follow Mastodon (quiet public under public), and can be changed; media stays with part 1', async () => {
    const fake = fakeComposer({ draft: { text: longText, thread: newThread(paragraphs, false), media: [mediaOf({ description: 'A cat' })] }, limits });
    await renderComposer(fake);
    const replies = (await screen.findByRole('combobox', { name: 'Visibility of parts 2 to 4' })) as HTMLSelectElement;
    expect(replies.selectedOptions[0]!.textContent).toBe('As Mastodon does (Quiet public)');
    fireEvent.change(replies, { target: { value: 'private' } });
    await waitFor(() => expect(fake.stored('popup').thread!.replyVisibility).toBe('private'));
    const first = part(1, 4).closest('li')!;
    expect(within(first).getByText('The media and the poll go with this part.')).toBeTruthy();
    expect(within(part(2, 4).closest('li')!).queryByText('The media and the poll go with this part.')).toBeNull();
  });

  it('a failure in the middle: posted parts show their links and stay as they are; Try again goes on; the result links every part', async () => {
    const fake = fakeComposer({ draft: { text: longText, thread: newThread(paragraphs, true) }, limits });
    fake.backend.post.mockImplementationOnce(async () => {
      await postedParts(fake, 2);
      return { ok: false, error: { code: 'server-error', status: 503 } } satisfies PostOutcome;
    });
    await renderComposer(fake);
    fireEvent.click(postButton());
    expect((await screen.findByRole('alert')).textContent).toContain('HTTP 503');

    const list = screen.getByRole('list', { name: 'Thread parts' });
    expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual(['View part 1', 'View part 2']);
    expect((screen.getByRole('link', { name: 'View part 2' }) as HTMLAnchorElement).href).toBe('https://example.social/@alice/2');
    expect([part(1, 4).readOnly, part(2, 4).readOnly, part(3, 4).readOnly]).toEqual([true, true, false]);
    expect(screen.getByText('Parts already posted stay as they are: Try again goes on with the rest.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Back to one post' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Number the parts (“ 1/4”)' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('combobox', { name: 'Account' }) as HTMLSelectElement).disabled).toBe(true);

    const urls = [1, 2, 3, 4].map((n) => `https://example.social/@alice/${n}`);
    fake.backend.post.mockImplementationOnce(async () => {
      // Posted: the background keeps a fresh draft.
      fake.drafts.popup = draftOf({ idempotencyKey: 'key-2' });
      return { ok: true, url: urls[0]!, scheduledAt: null, threadUrls: urls };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Posted a thread of 4.')).toBeTruthy();
    expect(fake.backend.post).toHaveBeenCalledTimes(2);
    expect(screen.getAllByRole('link', { name: /^View part \d$/ }).map((a) => (a as HTMLAnchorElement).href)).toEqual(urls);
    expect((screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement).value).toBe('');
  });
});
