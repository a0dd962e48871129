// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, createEvent, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { alice, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

async function renderComposer(fake: Fake) {
  render(
    <>
      <h1>Fedipost</h1>
      <Composer backend={fake.backend} draftId="popup" accounts={[alice]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />
    </>,
  );
  return (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
}

const image = (name = 'shot.png', type = 'image/png') => new File([new Uint8Array(8)], name, { type });
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('pasting and dropping images anywhere in the window', () => {
  it('attaches an image pasted outside the text box', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const heading = screen.getByRole('heading', { name: 'Fedipost' });
    expect(fireEvent.paste(heading, { clipboardData: { files: [image()] } })).toBe(false);
    await waitFor(() => expect(fake.backend.addMedia).toHaveBeenCalledOnce());
    expect(fake.backend.addMedia.mock.lastCall![0].media).toMatchObject({ fileName: 'shot.png', mimeType: 'image/png' });
  });

  it('attaches a pasted image once, when pasted into the text box', async () => {
    const fake = fakeComposer();
    const text = await renderComposer(fake);
    fireEvent.paste(text, { clipboardData: { files: [image()] } });
    await waitFor(() => expect(fake.backend.addMedia).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.backend.addMedia).toHaveBeenCalledOnce();
  });

  it('attaches an image dropped outside the composer, and lets the browser not open it', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const heading = screen.getByRole('heading', { name: 'Fedipost' });
    const dataTransfer = { types: ['Files'], files: [image('dropped.jpg', 'image/jpeg')] };
    expect(fireEvent(heading, createEvent.dragOver(heading, { dataTransfer }))).toBe(false);
    expect(fireEvent(heading, createEvent.drop(heading, { dataTransfer }))).toBe(false);
    await waitFor(() => expect(fake.backend.addMedia.mock.lastCall![0].media.fileName).toBe('dropped.jpg'));
  });

  it('checks pasted files like picked ones: a type the instance refuses never leaves', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { supportedMimeTypes: ['image/png'] } } });
    await renderComposer(fake);
    fireEvent.paste(document.body, { clipboardData: { files: [image('notes.pdf', 'application/pdf')] } });
    expect((await screen.findByRole('alert')).textContent).toContain('notes.pdf');
    expect(fake.backend.addMedia).not.toHaveBeenCalled();
  });

  it('leaves a paste of plain text outside the text box alone', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    expect(fireEvent.paste(document.body, { clipboardData: { files: [] } })).toBe(true);
    expect(fake.backend.addMedia).not.toHaveBeenCalled();
  });
});

describe('the alt text nudge', () => {
  const undescribed = () => fakeComposer({ draft: { text: 'Look', media: [mediaOf({ description: '' })] } });

  it('asks once, "Add alt text?", and "Post anyway" posts', async () => {
    const fake = undescribed();
    await renderComposer(fake);
    fireEvent.click(button('Post'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Add alt text\?/);
    expect(fake.backend.post).not.toHaveBeenCalled();
    fireEvent.click(button('Post anyway'));
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
    expect(screen.queryByText('Add alt text?')).toBeNull();
  });

  it('"Add alt text" takes the person to the empty description; the next Post posts without asking again', async () => {
    const fake = undescribed();
    await renderComposer(fake);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Post text' }), { key: 'Enter', ctrlKey: true });
    await screen.findByText('Add alt text?');
    fireEvent.click(button('Add alt text'));
    expect(document.activeElement).toBe(await screen.findByRole('textbox', { name: 'Alt text for cat.png' }));
    expect(screen.queryByText('Add alt text?')).toBeNull();
    expect(fake.backend.post).not.toHaveBeenCalled();
    fireEvent.click(button('Post'));
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
  });

  it('does not ask when every attachment is described', async () => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ description: 'A cat' })] } });
    await renderComposer(fake);
    fireEvent.click(button('Post'));
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
  });

  it('does not ask when the options page switched it off', async () => {
    const fake = fakeComposer({ altTextReminder: false, draft: { text: 'Look', media: [mediaOf({ description: '' })] } });
    await renderComposer(fake);
    fireEvent.click(button('Post'));
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
    expect(screen.queryByText('Add alt text?')).toBeNull();
  });
});
