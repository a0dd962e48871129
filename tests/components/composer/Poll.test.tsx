// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { alice, bob, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

async function renderComposer(fake: Fake) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  await screen.findByRole('textbox', { name: 'Post text' });
}

const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
const option = (n: number) => screen.getByRole('textbox', { name: `Option ${n}` }) as HTMLInputElement;
const optionFields = () => screen.queryAllByRole('textbox', { name: /^Option \d$/ }) as HTMLInputElement[];
const duration = () => screen.getByRole('combobox', { name: 'Poll duration' }) as HTMLSelectElement;
const lastPatch = (fake: Fake) => fake.backend.updateDraft.mock.lastCall![0].patch;

describe('Composer poll', () => {
  it('adds a poll of two options, a day long, and saves it at once', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { pollMaxCharactersPerOption: 25 } } });
    await renderComposer(fake);
    fireEvent.click(button('Add poll'));
    // Found: the poll editor loads on the first poll (components/composer/folded.tsx).
    await screen.findByRole('textbox', { name: 'Option 1' });
    expect(optionFields()).toHaveLength(2);
    expect(option(1).maxLength).toBe(25);
    expect(screen.queryByRole('button', { name: /^Remove option/ })).toBeNull();
    expect(duration().value).toBe('86400');
    expect((screen.getByRole('checkbox', { name: 'Multiple choice' }) as HTMLInputElement).checked).toBe(false);
    await waitFor(() =>
      expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({
        draftId: 'popup',
        patch: { poll: { options: ['', ''], expiresIn: 86_400, multiple: false } },
      }),
    );
    // Two empty options can't be posted, and the hint says why.
    fireEvent.input(screen.getByRole('textbox', { name: 'Post text' }), { target: { value: 'Tea or coffee?' } });
    expect(button('Post').disabled).toBe(true);
    expect(await screen.findByText('Option 1 is empty.')).toBeTruthy();
  });

  it("adds options up to the instance's maximum and removes them, keeping two", async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { pollMaxOptions: 3 } } });
    await renderComposer(fake);
    fireEvent.click(button('Add poll'));
    await screen.findByRole('textbox', { name: 'Option 1' });
    fireEvent.input(option(1), { target: { value: 'Tea' } });
    fireEvent.input(option(2), { target: { value: 'Coffee' } });
    fireEvent.click(button('Add option'));
    expect(optionFields()).toHaveLength(3);
    await waitFor(() => expect(document.activeElement).toBe(option(3)));
    expect(screen.queryByRole('button', { name: 'Add option' })).toBeNull();
    fireEvent.input(option(3), { target: { value: 'Water' } });

    fireEvent.click(button('Remove option 1'));
    expect(optionFields().map((field) => field.value)).toEqual(['Coffee', 'Water']);
    expect(screen.queryByRole('button', { name: /^Remove option/ })).toBeNull();
    expect(button('Add option')).toBeTruthy();
    await waitFor(() => expect(lastPatch(fake)).toEqual({ poll: { options: ['Coffee', 'Water'], expiresIn: 86_400, multiple: false } }));
  });

  it("offers Mastodon's durations within the instance's bounds, and multiple choice", async () => {
    const fake = fakeComposer({
      limits: { [alice.id]: { pollMinExpiration: 1_800, pollMaxExpiration: 43_200 } },
      draft: { text: 'Which?', poll: { options: ['A', 'B'], expiresIn: 3_600, multiple: false } },
    });
    await renderComposer(fake);
    await screen.findByRole('combobox', { name: 'Poll duration' });
    expect([...duration().options].map((o) => o.textContent)).toEqual(['30 minutes', '1 hour', '6 hours', '12 hours']);
    expect(duration().value).toBe('3600');
    fireEvent.change(duration(), { target: { value: '43200' } });
    await waitFor(() => expect(lastPatch(fake)).toEqual({ poll: { options: ['A', 'B'], expiresIn: 43_200, multiple: false } }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Multiple choice' }));
    await waitFor(() => expect(lastPatch(fake)).toEqual({ poll: { options: ['A', 'B'], expiresIn: 43_200, multiple: true } }));
    expect(button('Post').disabled).toBe(false);
  });

  it('keeps a duration the instance does not allow visible, and says what it allows', async () => {
    const fake = fakeComposer({
      limits: { [alice.id]: { pollMinExpiration: 300, pollMaxExpiration: 86_400 } },
      draft: { text: 'Which?', poll: { options: ['A', 'B'], expiresIn: 604_800, multiple: false } },
    });
    await renderComposer(fake);
    expect((await screen.findByRole('combobox', { name: 'Poll duration' })) as HTMLSelectElement).toBe(duration());
    expect(duration().value).toBe('604800');
    expect(await screen.findByText('Choose a poll duration between 5 minutes and 1 day.')).toBeTruthy();
    expect(button('Post').disabled).toBe(true);
  });

  it('removes the poll', async () => {
    const fake = fakeComposer({ draft: { text: 'Which?', poll: { options: ['A', 'B'], expiresIn: 300, multiple: false } } });
    await renderComposer(fake);
    fireEvent.click(button('Remove poll'));
    expect(optionFields()).toHaveLength(0);
    await waitFor(() => expect(lastPatch(fake)).toEqual({ poll: null }));
  });

  it('is not offered with media, and media is not offered with a poll', async () => {
    const withMedia = fakeComposer({ draft: { media: [mediaOf()] } });
    await renderComposer(withMedia);
    expect(button('Add poll').disabled).toBe(true);
    expect(button('Add media').disabled).toBe(false);
    cleanup();

    const withPoll = fakeComposer({ draft: { poll: { options: ['A', 'B'], expiresIn: 300, multiple: false } } });
    await renderComposer(withPoll);
    expect(button('Add media').disabled).toBe(true);
    // A file dropped or pasted anyway is refused, saying why.
    fireEvent.paste(screen.getByRole('textbox', { name: 'Post text' }), {
      clipboardData: { files: [new File(['x'], 'cat.png', { type: 'image/png' })] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('A post can have media or a poll, not both.');
    expect(withPoll.backend.addMedia).not.toHaveBeenCalled();
  });
});
