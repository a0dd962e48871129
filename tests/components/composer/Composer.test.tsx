// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import type { Draft } from '@/lib/composer/draft';
import { alice, bob, draftOf, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

function renderComposer(fake: Fake, accounts = [alice, bob]) {
  const onAddAccount = vi.fn();
  const onReconnect = vi.fn();
  const view = render(
    <Composer backend={fake.backend} draftId="popup" accounts={accounts} onAddAccount={onAddAccount} onReconnect={onReconnect} />,
  );
  return { ...view, onAddAccount, onReconnect };
}

const textBox = () => screen.getByRole('textbox', { name: 'Post text' }) as HTMLTextAreaElement;
const findTextBox = async () => (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
const counter = () => screen.getByRole('status', { name: /^Characters (left|over|used)/ });
const postButton = () => screen.getByRole('button', { name: 'Post' }) as HTMLButtonElement;
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const type = (field: HTMLElement, value: string) => fireEvent.input(field, { target: { value } });
/** The language button, named by the word and the code it shows ("Language EN"). */
const LANGUAGE = /^Language [A-Z]{2,3}$/;
const toolbarButton = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
/** What the toolbar button's tooltip says is chosen now: "Visibility: Followers". */
const tooltip = (name: string | RegExp) => toolbarButton(name).title;
/** Opens a toolbar menu as a click does, and returns it. */
async function openMenu(name: string) {
  fireEvent.click(toolbarButton(name));
  // Found, not got: a menu's list loads on its first open (components/composer/folded.tsx).
  return screen.findByRole('menu', { name });
}
/** Picks a visibility from the toolbar's menu by its name. */
async function chooseVisibility(name: string) {
  fireEvent.click(within(await openMenu('Visibility')).getByRole('menuitemradio', { name }));
}
/** Picks a language from the toolbar's searchable list by typing part of its name. */
async function chooseLanguage(typed: string, name: string) {
  fireEvent.click(toolbarButton(LANGUAGE));
  type(await screen.findByRole('combobox', { name: 'Search languages' }), typed);
  fireEvent.click(within(await screen.findByRole('listbox', { name: 'Languages' })).getByRole('option', { name }));
}

describe('Composer', () => {
  it('opens on the stored draft, focused at the end of its text', async () => {
    const fake = fakeComposer({
      draft: {
        text: 'Half-written thought',
        spoilerEnabled: true,
        spoilerText: 'politics',
        visibility: 'private',
        language: 'fr',
        media: [mediaOf({ description: 'A cat asleep' })],
      },
    });
    renderComposer(fake);
    const text = await findTextBox();
    expect(text.value).toBe('Half-written thought');
    expect(document.activeElement).toBe(text);
    expect(text.selectionStart).toBe('Half-written thought'.length);
    expect((screen.getByRole('checkbox', { name: 'Content warning' }) as HTMLInputElement).checked).toBe(true);
    expect((await screen.findByRole('textbox', { name: 'Content warning text' }) as HTMLInputElement).value).toBe('politics');
    expect(tooltip('Visibility')).toBe('Visibility: Followers');
    expect(tooltip(LANGUAGE)).toBe('Language: French');
    expect((await screen.findByRole('textbox', { name: 'Alt text for cat.png' }) as HTMLTextAreaElement).value).toBe('A cat asleep');
    expect(fake.backend.getComposer).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup' });
  });

  it('counts what is left as the server counts, and says so', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxCharacters: 100, charactersReservedPerUrl: 30 } } });
    renderComposer(fake);
    await findTextBox();
    expect(counter().textContent).toBe('100');
    expect(counter().getAttribute('aria-label')).toBe('Characters left: 100');
    expect(textBox().getAttribute('aria-describedby')).toBe(counter().id);

    type(textBox(), 'Read https://example.com/a/very/long/path/that/goes/on');
    // "Read " (5) + the URL as the instance's 30 reserved characters.
    expect(counter().getAttribute('aria-label')).toBe('Characters left: 65');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Content warning' }));
    type(await screen.findByRole('textbox', { name: 'Content warning text' }), 'spoilers');
    expect(counter().getAttribute('aria-label')).toBe('Characters left: 57');
  });

  it('counts characters used instead when the options page says so', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxCharacters: 100 } }, counterStyle: 'used' });
    renderComposer(fake);
    type(await findTextBox(), 'Hello');
    expect(counter().textContent).toBe('5 / 100');
    expect(counter().getAttribute('aria-label')).toBe('Characters used: 5 of 100');
  });

  it('over the limit warns, disables Post and says by how much', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxCharacters: 10 } } });
    renderComposer(fake);
    type(await findTextBox(), 'Hello');
    expect(postButton().disabled).toBe(false);
    type(textBox(), 'Hello world!');
    expect(counter().textContent).toBe('-2');
    expect(counter().getAttribute('aria-label')).toBe('Characters over the limit: 2');
    expect(counter().classList.contains('over')).toBe(true);
    expect(textBox().getAttribute('aria-invalid')).toBe('true');
    expect(postButton().disabled).toBe(true);
    expect(await screen.findByText('Too long: 2 over the character limit.')).toBeTruthy();
    expect(document.getElementById(postButton().getAttribute('aria-describedby')!)!.textContent).toBe(
      'Too long: 2 over the character limit.',
    );
  });

  it('disables Post for an empty draft without a hint', async () => {
    renderComposer(fakeComposer());
    await findTextBox();
    expect(postButton().disabled).toBe(true);
    expect(document.getElementById(postButton().getAttribute('aria-describedby')!)!.textContent).toBe('');
  });

  it('saves typing after a pause, once, with the latest text', async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    type(await findTextBox(), 'H');
    type(textBox(), 'He');
    type(textBox(), 'Hey');
    expect(fake.backend.updateDraft).not.toHaveBeenCalled();
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { text: 'Hey' } }));
  });

  it('saves at once when the text box loses focus', async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    type(await findTextBox(), 'Before the popup closes');
    fireEvent.blur(textBox());
    expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { text: 'Before the popup closes' } });
  });

  it('saves at once when the page is hidden or goes away', async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    type(await findTextBox(), 'Closing');
    fireEvent(window, new Event('pagehide'));
    expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { text: 'Closing' } });

    type(textBox(), 'Closing now');
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    fireEvent(document, new Event('visibilitychange'));
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { text: 'Closing now' } }));
    expect(fake.backend.updateDraft).toHaveBeenCalledTimes(2);
  });

  it('saves what is pending when closed', async () => {
    const fake = fakeComposer();
    const { unmount } = renderComposer(fake);
    type(await findTextBox(), 'Unmounted');
    act(() => {
      unmount();
    });
    expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { text: 'Unmounted' } });
    expect(fake.listeners.size).toBe(0);
  });

  it('switches account from the picker and counts with the new instance limits', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxCharacters: 500 }, [bob.id]: { maxCharacters: 5000 } } });
    renderComposer(fake);
    type(await findTextBox(), 'Hi');
    const picker = select('Account');
    expect(picker.value).toBe(alice.id);
    expect([...picker.options].map((o) => o.textContent)).toEqual(['@alice@example.social', '@bob@other.example']);
    expect(counter().textContent).toBe('498');

    fireEvent.change(picker, { target: { value: bob.id } });
    // Written as the UI language groups digits (English: 4,998).
    await waitFor(() => expect(counter().textContent).toBe('4,998'));
    // The pending text went first, so the switch cannot lose it.
    expect(fake.backend.updateDraft).toHaveBeenCalledWith({ draftId: 'popup', patch: { text: 'Hi' } });
    expect(fake.backend.selectAccount).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', accountId: bob.id });
    expect(select('Account').value).toBe(bob.id);
    expect(textBox().value).toBe('Hi');
    // Bob's own defaults now apply.
    expect(tooltip('Visibility')).toBe('Visibility: Quiet public');
    expect(tooltip(LANGUAGE)).toBe('Language: German');
  });

  it('with a single account names it instead of offering a choice, next to "Add account"', async () => {
    const fake = fakeComposer();
    const { onAddAccount } = renderComposer(fake, [alice]);
    await findTextBox();
    expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull();
    expect(screen.getByText('Posting as @alice@example.social')).toBeTruthy();
    expect(screen.getByText(alice.displayName)).toBeTruthy();
    expect(document.querySelector('img.avatar')?.getAttribute('src')).toBe(alice.avatar);
    expect(document.querySelector('img.avatar')?.getAttribute('alt')).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(onAddAccount).toHaveBeenCalledOnce();
  });

  it('names an account without a display name by its username', async () => {
    const nameless = { ...alice, displayName: '' };
    renderComposer(fakeComposer({ accounts: [nameless] }), [nameless]);
    await findTextBox();
    expect(screen.getByText('alice')).toBeTruthy();
  });

  it('reveals the content warning field, focused, and saves the toggle at once', async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    await findTextBox();
    expect(screen.queryByRole('textbox', { name: 'Content warning text' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Content warning' }));
    const field = await screen.findByRole('textbox', { name: 'Content warning text' });
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(fake.backend.updateDraft).toHaveBeenCalledExactlyOnceWith({ draftId: 'popup', patch: { spoilerEnabled: true } });
  });

  it("shows the account's default visibility and language, and saves a choice", async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    await findTextBox();
    expect(tooltip('Visibility')).toBe('Visibility: Public');
    const menu = await openMenu('Visibility');
    expect(within(menu).getAllByRole('menuitemradio').map((item) => item.textContent)).toEqual([
      'PublicAnyone on and off Mastodon',
      'Quiet publicFewer algorithmic fanfares',
      'FollowersOnly your followers',
      'Private mentionEveryone mentioned in the post',
    ]);
    expect(within(menu).getByRole('menuitemradio', { checked: true }).getAttribute('aria-labelledby')).toBeTruthy();
    expect(within(menu).getByRole('menuitemradio', { name: 'Public' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(menu, { key: 'Escape' });
    // Alice has no language of her own: the browser's (en-US) as a post language.
    expect(tooltip(LANGUAGE)).toBe('Language: English');
    expect(toolbarButton(LANGUAGE).textContent).toBe('EN');
    fireEvent.click(toolbarButton(LANGUAGE));
    const names = within(await screen.findByRole('listbox', { name: 'Languages' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names).toContain('German');
    expect(names).toContain('Japanese');
    expect(names.indexOf('English')).toBeLessThan(names.indexOf('French'));
    fireEvent.click(toolbarButton(LANGUAGE));

    await chooseVisibility('Private mention');
    expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { visibility: 'direct' } });
    await chooseLanguage('japan', 'Japanese');
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { language: 'ja' } }));
  });

  it('schedules no sooner than five minutes ahead, and clears the time', async () => {
    const fake = fakeComposer({ draft: { text: 'Later' } });
    renderComposer(fake);
    await findTextBox();
    fireEvent.click(within(await openMenu('Schedule')).getByRole('menuitem', { name: 'Pick a time…' }));
    const field = (await screen.findByLabelText('Schedule for')) as HTMLInputElement;
    expect(field.type).toBe('datetime-local');
    const minimum = new Date(field.min);
    expect(minimum.getTime() - Date.now()).toBeGreaterThanOrEqual(5 * 60_000 - 60_000);

    const soon = new Date(Date.now() + 2 * 60_000);
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    fireEvent.change(field, { target: { value: local(soon) } });
    expect(await screen.findByText('Schedule at least 5 minutes ahead, or clear the time to post now.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(postButton().disabled).toBe(true);
    const saved = fake.backend.updateDraft.mock.lastCall![0].patch.scheduledAt!;
    expect(Math.abs(Date.parse(saved) - soon.getTime())).toBeLessThan(60_000);

    const later = new Date(Date.now() + 3 * 3_600_000);
    fireEvent.change(field, { target: { value: local(later) } });
    expect(postButton().disabled).toBe(false);

    fireEvent.click(await screen.findByRole('button', { name: /^Clear schedule/ }));
    await waitFor(() => expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { scheduledAt: null } }));
    // The time is gone, and with it the field that was picking it.
    expect(screen.queryByLabelText('Schedule for')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Clear schedule/ })).toBeNull();
  });

  it('keeps what is being typed when a broadcast brings upload progress', async () => {
    const fake = fakeComposer({ draft: { text: 'Old', media: [mediaOf({ state: 'uploading', previewUrl: null })] } });
    renderComposer(fake);
    type(await findTextBox(), 'Old and new words');
    type(await screen.findByRole('textbox', { name: 'Alt text for cat.png' }), 'A cat');
    // The background still has the old text (the save waits for a pause in typing).
    await fake.progress('m1', { state: 'ready', previewUrl: 'https://example.social/cat.png' });
    expect(textBox().value).toBe('Old and new words');
    expect((await screen.findByRole('textbox', { name: 'Alt text for cat.png' }) as HTMLTextAreaElement).value).toBe('A cat');
    expect((screen.getByRole('progressbar', { name: 'Upload progress for cat.png' }) as HTMLProgressElement).value).toBe(1);
    await waitFor(() => expect(fake.stored('popup').text).toBe('Old and new words'));
    expect(fake.stored('popup').media[0]!.description).toBe('A cat');
  });

  it('takes changes from the background for fields not being edited here', async () => {
    const fake = fakeComposer({ draft: { text: 'Mine' } });
    renderComposer(fake);
    await findTextBox();
    const changed: Draft = draftOf({ text: 'Shared from another page' });
    await act(async () => fake.listeners.forEach((listener) => listener({ draftId: 'popup', draft: changed })));
    expect(textBox().value).toBe('Shared from another page');
    // Another surface's draft is none of this composer's business.
    await act(async () => fake.listeners.forEach((listener) => listener({ draftId: 'share-9', draft: draftOf({ text: 'Other' }) })));
    expect(textBox().value).toBe('Shared from another page');
  });

  it('says so when the draft cannot be loaded', async () => {
    const fake = fakeComposer();
    fake.backend.getComposer.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    renderComposer(fake);
    expect((await screen.findByRole('alert')).textContent).toBe("Your draft couldn't be loaded. Close this and open it again.");
  });

  it('says so when a change cannot be saved, and saves it with the next one', async () => {
    const fake = fakeComposer();
    renderComposer(fake);
    fake.backend.updateDraft.mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    type(await findTextBox(), 'Keep me');
    // Really leaving the text box (the focus moves on), as the toolbar's menu later takes the focus.
    act(() => textBox().blur());
    expect((await screen.findByRole('alert')).textContent).toContain("Fedipost couldn't save your last change.");
    await chooseVisibility('Quiet public');
    await waitFor(() =>
      expect(fake.backend.updateDraft).toHaveBeenLastCalledWith({ draftId: 'popup', patch: { text: 'Keep me', visibility: 'unlisted' } }),
    );
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
