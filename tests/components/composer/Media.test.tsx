// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { alice, bob, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

async function renderComposer(fake: Fake) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  await screen.findByRole('textbox', { name: 'Post text' });
}

const MB = 1024 * 1024;

function file(name: string, type: string, size = 4) {
  const made = new File([new Uint8Array(Math.min(size, 16))], name, { type });
  // The bytes don't matter, only the size the browser reports.
  Object.defineProperty(made, 'size', { value: size });
  return made;
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;
const choose = (...files: File[]) => fireEvent.change(fileInput(), { target: { files } });
const progressOf = (name: string) => screen.getByRole('progressbar', { name: `Upload progress for ${name}` }) as HTMLProgressElement;
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

describe('Composer media', () => {
  it('"Add media" opens a file picker for what the instance accepts', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { supportedMimeTypes: ['image/png', 'image/jpeg', 'video/mp4'] } } });
    await renderComposer(fake);
    const click = vi.spyOn(fileInput(), 'click');
    fireEvent.click(button('Add media'));
    expect(click).toHaveBeenCalledOnce();
    expect(fileInput().accept).toBe('image/png,image/jpeg,video/mp4');
    expect(fileInput().multiple).toBe(true);
  });

  it('accepts any image, video or audio when the instance does not say', async () => {
    await renderComposer(fakeComposer());
    expect(fileInput().accept).toBe('image/*,video/*,audio/*');
  });

  it('puts an accepted file in the file store, sends only its id, and shows it uploading, with its local preview', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const picked = file('cat.png', 'image/png', 4);
    choose(picked);
    await waitFor(() => expect(fake.backend.addMedia).toHaveBeenCalledOnce());
    expect(fake.backend.addMedia).toHaveBeenCalledWith({
      draftId: 'popup',
      media: { fileName: 'cat.png', mimeType: 'image/png', size: 4, fileId: 'file1' },
    });
    // The File itself, not a copy or an encoding of it.
    expect(fake.files.get('file1')).toBe(picked);
    const progress = await waitFor(() => progressOf('cat.png'));
    // Indeterminate: no value while the bytes are on their way.
    expect(progress.hasAttribute('value')).toBe(false);
    expect(progress.getAttribute('aria-valuetext')).toBe('Uploading…');
    expect(screen.getByText('Uploading…')).toBeTruthy();
    const thumbnail = document.querySelector<HTMLImageElement>('.media-thumb')!;
    expect(thumbnail.src).toMatch(/^blob:/);
    expect(thumbnail.alt).toBe('');
    expect(button('Post').disabled).toBe(true);
    // The problems' sentences load with the first problem (a folded part): found once drawn.
    expect(await screen.findByText('Wait for the uploads to finish.')).toBeTruthy();
  });

  it.each([
    ['type', { supportedMimeTypes: ['image/png'] }, file('notes.txt', 'text/plain'), "notes.txt can't be attached: this server doesn't accept text/plain files."],
    ['size', { imageSizeLimit: 8 * MB }, file('huge.png', 'image/png', 9 * MB), 'huge.png is too large: this server accepts files up to 8 MB.'],
    ['video size', { videoSizeLimit: 40 * MB }, file('clip.mp4', 'video/mp4', 41 * MB), 'clip.mp4 is too large: this server accepts files up to 40 MB.'],
  ])('refuses a file of the wrong %s before any upload, naming it', async (_, limits, refused, sentence) => {
    const fake = fakeComposer({ limits: { [alice.id]: limits } });
    await renderComposer(fake);
    choose(refused);
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(fake.backend.addMedia).not.toHaveBeenCalled();
  });

  it('attaches files up to the instance maximum and says why the rest were left out', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxMediaAttachments: 2 } }, draft: { media: [mediaOf()] } });
    await renderComposer(fake);
    choose(file('a.png', 'image/png'), file('b.png', 'image/png'), file('c.png', 'image/png'));
    expect((await screen.findByRole('alert')).textContent).toBe('No more room: this server allows 2 attachments per post.');
    expect(fake.backend.addMedia).toHaveBeenCalledOnce();
    expect(fake.backend.addMedia.mock.lastCall![0].media.fileName).toBe('a.png');
    const attachments = within(screen.getByRole('list', { name: 'Attachments' })).getAllByRole('listitem');
    expect(attachments.map((item) => item.querySelector('.media-name')?.textContent)).toEqual(['cat.png', 'a.png']);
  });

  it("shows the background's own objection", async () => {
    const fake = fakeComposer();
    fake.backend.addMedia.mockResolvedValueOnce({ draft: fake.stored('popup'), problem: { code: 'too-many-media', max: 4 } });
    await renderComposer(fake);
    choose(file('a.png', 'image/png'));
    expect((await screen.findByRole('alert')).textContent).toBe('No more room: this server allows 4 attachments per post.');
  });

  it('says so when a file could not be handed to the background, and takes it out of the file store', async () => {
    const fake = fakeComposer();
    fake.backend.addMedia.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    await renderComposer(fake);
    choose(file('a.png', 'image/png'));
    expect((await screen.findByRole('alert')).textContent).toBe("a.png couldn't be added. Try again.");
    await waitFor(() => expect(fake.files.size).toBe(0));
  });

  it('shows the bytes sent as a percentage, and cancels one upload with its own button', async () => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ state: 'uploading', previewUrl: null }), mediaOf({ localId: 'm2', fileName: 'dog.png', state: 'uploading', previewUrl: null })] } });
    await renderComposer(fake);
    await fake.sent('m1', 2 * MB, 8 * MB);
    expect(progressOf('cat.png').value).toBe(2 * MB);
    expect(progressOf('cat.png').max).toBe(8 * MB);
    expect(progressOf('cat.png').getAttribute('aria-valuetext')).toBe('Uploading… 25%');
    // The live regions announce the phase, never each percent.
    const announced = screen.getAllByRole('status').map((region) => region.textContent);
    expect(announced.filter((text) => text === 'Uploading…')).toHaveLength(2);
    expect(announced.some((text) => text?.includes('%'))).toBe(false);
    expect(progressOf('dog.png').hasAttribute('value')).toBe(false);
    // Another window's draft is not this one.
    await fake.sent('m2', 1, 2, 'share-x');
    expect(progressOf('dog.png').hasAttribute('value')).toBe(false);

    fireEvent.click(button('Cancel upload of cat.png'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Upload failed: you cancelled it.'));
    expect(fake.backend.cancelUpload).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', localId: 'm1' });
    expect(progressOf('dog.png').getAttribute('aria-valuetext')).toBe('Uploading…');
    expect(button('Retry upload of cat.png')).toBeTruthy();
  });

  it('asks for the draft again when the background was stopped during an upload', async () => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ state: 'uploading', previewUrl: null })] } });
    await renderComposer(fake);
    await waitFor(() => expect(fake.restartListeners.size).toBe(1));
    // The restarted background has marked the cut-off upload; the page hears of the restart only.
    fake.drafts.popup = { ...fake.stored('popup'), media: [mediaOf({ state: 'failed', error: 'interrupted' })] };
    await act(async () => fake.restartListeners.forEach((listener) => listener()));
    await screen.findByText("Upload failed: it was cut off when the browser stopped Fedipost's background work.");
    expect(button('Retry upload of cat.png')).toBeTruthy();
    // Nothing under way any more: no need to watch.
    await waitFor(() => expect(fake.restartListeners.size).toBe(0));
  });

  it('attaches images pasted into the text box', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const pasted = file('image.png', 'image/png');
    const proceed = fireEvent.paste(screen.getByRole('textbox', { name: 'Post text' }), { clipboardData: { files: [pasted] } });
    expect(proceed).toBe(false);
    await waitFor(() => expect(fake.backend.addMedia).toHaveBeenCalledOnce());
    expect(fake.backend.addMedia.mock.lastCall![0].media.fileName).toBe('image.png');
  });

  it('leaves a paste of text alone', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const proceed = fireEvent.paste(screen.getByRole('textbox', { name: 'Post text' }), { clipboardData: { files: [] } });
    expect(proceed).toBe(true);
    expect(fake.backend.addMedia).not.toHaveBeenCalled();
  });

  it('attaches files dropped onto the composer', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    const composer = document.querySelector('.composer')!;
    const dataTransfer = { types: ['Files'], files: [file('drop.jpg', 'image/jpeg')] };
    // Built here: fireEvent.dragOver would fire "DragOver" where happy-dom lacks `ondragover`.
    expect(fireEvent(composer, createEvent.dragOver(composer, { dataTransfer }))).toBe(false);
    expect(composer.classList.contains('dropping')).toBe(true);
    expect(fireEvent(composer, createEvent.drop(composer, { dataTransfer }))).toBe(false);
    expect(composer.classList.contains('dropping')).toBe(false);
    await waitFor(() => expect(fake.backend.addMedia).toHaveBeenCalledOnce());
    expect(fake.backend.addMedia.mock.lastCall![0].media.fileName).toBe('drop.jpg');
  });

  it('shows each upload step the background reports', async () => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ state: 'uploading', previewUrl: null })] } });
    await renderComposer(fake);
    expect(progressOf('cat.png').hasAttribute('value')).toBe(false);

    await fake.progress('m1', { state: 'processing' });
    expect(progressOf('cat.png').getAttribute('aria-valuetext')).toBe('Processing on the server…');
    expect(screen.getByText('Processing on the server…')).toBeTruthy();
    expect(button('Post').disabled).toBe(true);

    await fake.progress('m1', { state: 'ready', previewUrl: 'https://example.social/cat-small.png' });
    expect(progressOf('cat.png').value).toBe(1);
    expect(progressOf('cat.png').max).toBe(1);
    expect(screen.getByText('Ready')).toBeTruthy();
    expect(document.querySelector<HTMLImageElement>('.media-thumb')!.src).toBe('https://example.social/cat-small.png');
    expect(button('Post').disabled).toBe(false);
  });

  it.each([
    ['unreachable', "Upload failed: the server couldn't be reached."],
    ['file-missing', 'Upload failed: the file is no longer here, remove it and add it again.'],
    ['redirected', "Upload failed: the server tried to send it somewhere else (a redirect); Fedipost doesn't follow it, so the file didn't go there."],
    ['File type not supported', 'Upload failed: “File type not supported”.'],
    ['processing-timeout', 'Upload failed: the server has the file but was still processing it when Fedipost stopped waiting; Retry waits for it again.'],
  ])('on failure (%s) gives the reason and a retry', async (error, sentence) => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ state: 'uploading' })] } });
    await renderComposer(fake);
    await fake.progress('m1', { state: 'failed', error });
    expect(screen.getByText(sentence)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(button('Post').disabled).toBe(true);
    expect(screen.getByText('The upload of cat.png failed: retry or remove it.')).toBeTruthy();

    fireEvent.click(button('Retry upload of cat.png'));
    await waitFor(() => expect(progressOf('cat.png').getAttribute('aria-valuetext')).toBe('Uploading…'));
    expect(fake.backend.retryMedia).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', localId: 'm1' });
  });

  it('a shared image cut off before it arrived says to share it again, with no Retry that could not work', async () => {
    const fake = fakeComposer({ draft: { text: 'Look', media: [mediaOf({ state: 'fetching' })] } });
    await renderComposer(fake);
    await fake.progress('m1', { state: 'failed', error: 'fetch-interrupted' });
    expect(
      screen.getByText("Upload failed: the browser stopped Fedipost's background work while it was fetching the image; remove it and share the image again."),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry upload of cat.png' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove cat.png' })).toBeTruthy();
  });

  it("saves alt text after a pause, within the instance's limit", async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { descriptionLimit: 1500 } }, draft: { media: [mediaOf()] } });
    await renderComposer(fake);
    const alt = (await screen.findByRole('textbox', { name: 'Alt text for cat.png' })) as HTMLTextAreaElement;
    expect(alt.maxLength).toBe(1500);
    fireEvent.input(alt, { target: { value: 'A grey cat' } });
    expect(screen.getByText('Characters left: 1490')).toBeTruthy();
    expect(alt.getAttribute('aria-describedby')).toBe(screen.getByText('Characters left: 1490').id);
    expect(fake.backend.describeMedia).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(fake.backend.describeMedia).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', localId: 'm1', description: 'A grey cat' }),
    );
  });

  it('saves alt text at once when the field loses focus', async () => {
    const fake = fakeComposer({ draft: { media: [mediaOf()] } });
    await renderComposer(fake);
    const alt = await screen.findByRole('textbox', { name: 'Alt text for cat.png' });
    fireEvent.input(alt, { target: { value: 'Sleeping' } });
    fireEvent.blur(alt);
    expect(fake.backend.describeMedia).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', localId: 'm1', description: 'Sleeping' });
  });

  it('removes an attachment', async () => {
    const fake = fakeComposer({ draft: { media: [mediaOf(), mediaOf({ localId: 'm2', fileName: 'dog.png' })] } });
    await renderComposer(fake);
    fireEvent.click(button('Remove cat.png'));
    expect(screen.queryByText('cat.png')).toBeNull();
    expect(screen.getByText('dog.png')).toBeTruthy();
    expect(fake.backend.removeMedia).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', localId: 'm1' });
  });

  it('offers "Mark media as sensitive" only with media', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    expect(screen.queryByRole('checkbox', { name: 'Mark media as sensitive' })).toBeNull();
    choose(file('cat.png', 'image/png'));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Mark media as sensitive' }));
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { sensitive: true } }));
  });

  it('uploads again for another account, showing it', async () => {
    const fake = fakeComposer({ draft: { text: 'Hi', media: [mediaOf()] } });
    await renderComposer(fake);
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: bob.id } });
    await waitFor(() => expect(progressOf('cat.png').getAttribute('aria-valuetext')).toBe('Uploading…'));
  });
});
