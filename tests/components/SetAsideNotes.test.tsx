// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { SetAsideNotes } from '@/components/SetAsideNotes';
import type { SetAsideNote } from '@/lib/messages';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const draft: SetAsideNote = { id: 'd', item: 'drafts', whole: false, label: 'popup', text: 'Half a thought worth keeping', at: 1 };
const account: SetAsideNote = { id: 'a', item: 'accounts', whole: false, label: 'bob@b.social', text: null, at: 2 };

function backend() {
  return {
    listSetAside: vi.fn(async (): Promise<SetAsideNote[]> => []),
    dismissSetAside: vi.fn(async (_data: { id: string }) => undefined),
  };
}

describe('SetAsideNotes', () => {
  it.each<[SetAsideNote, string]>([
    [draft, "A draft couldn't be read, so it was set aside and the composer starts afresh. Its words are below: copy them to keep them."],
    [{ ...draft, whole: true, label: null }, "Your drafts couldn't be read, so they were set aside and the composer starts afresh. What was saved is below: copy what you want to keep."],
    [{ ...draft, text: null }, "A draft couldn't be read and had no words left to recover; the composer starts afresh."],
    [account, "The account @bob@b.social couldn't be read and was removed. Connect it again to post as it."],
    [{ ...account, label: null }, "A connected account couldn't be read and was removed. Connect it again to post as it."],
    [{ ...account, whole: true, label: null }, "Your connected accounts couldn't be read and were removed. Connect them again to post."],
    [{ id: 'r', item: 'registrations', whole: false, label: 'https://c.social', text: null, at: 3 }, "The saved app registration for https://c.social couldn't be read and was removed. Connecting there registers Fedipost again."],
    [{ id: 'r', item: 'registrations', whole: false, label: null, text: null, at: 3 }, "A saved app registration couldn't be read and was removed. Connecting there registers Fedipost again."],
    [{ id: 'r', item: 'registrations', whole: true, label: null, text: null, at: 3 }, "The saved app registrations couldn't be read and were removed. Connecting registers Fedipost again."],
  ])('explains %o', async (note, sentence) => {
    render(<SetAsideNotes backend={backend()} notes={[note]} />);
    const region = await screen.findByRole('region', { name: "Some saved data couldn't be read" });
    expect(region.textContent).toContain(sentence);
  });

  it("offers a draft's words in a read-only field, and copies them", async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<SetAsideNotes backend={backend()} notes={[draft, account]} />);
    const words = (await screen.findByRole('textbox', { name: 'Recovered words' })) as HTMLTextAreaElement;
    expect(words.value).toBe('Half a thought worth keeping');
    expect(words.readOnly).toBe(true);
    // Only the draft has words to copy.
    expect(screen.getAllByRole('button', { name: 'Copy' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledExactlyOnceWith('Half a thought worth keeping');
    expect((await screen.findByRole('status')).textContent).toBe('Copied.');
  });

  it('dismisses one note at a time, and is gone with the last', async () => {
    const fake = backend();
    const { container } = render(<SetAsideNotes backend={fake} notes={[draft, account]} />);
    const region = await screen.findByRole('region');
    fireEvent.click(within(region).getByRole('button', { name: /^Dismiss: The account @bob@b\.social/ }));
    expect(fake.dismissSetAside).toHaveBeenCalledExactlyOnceWith({ id: 'a' });
    expect(region.textContent).not.toContain('bob@b.social');
    fireEvent.click(within(region).getByRole('button', { name: /^Dismiss: A draft/ }));
    expect(fake.dismissSetAside).toHaveBeenLastCalledWith({ id: 'd' });
    expect(container.textContent).toBe('');
  });
});
