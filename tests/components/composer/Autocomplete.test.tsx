// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import type { SuggestOutcome } from '@/lib/composer/autocomplete';
import { alice, fakeComposer } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

const accounts: SuggestOutcome = {
  ok: true,
  suggestions: [
    { kind: 'account', acct: 'alice', displayName: 'Alice', avatar: 'https://example.social/a.png' },
    { kind: 'account', acct: 'alina@elsewhere.example', displayName: '<b>Alina</b>', avatar: 'https://example.social/b.png' },
  ],
};
const hashtags: SuggestOutcome = { ok: true, suggestions: [{ kind: 'hashtag', name: 'fediverse' }, { kind: 'hashtag', name: 'fedipost' }] };
const emoji: SuggestOutcome = { ok: true, suggestions: [{ kind: 'emoji', shortcode: 'blobcat', url: 'https://example.social/emoji/blobcat.png' }] };

async function renderComposer(fake: Fake) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  return (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
}

/** Types as a person does: the text changes and the caret sits at its end. */
function typeText(field: HTMLTextAreaElement, value: string) {
  field.focus();
  fireEvent.input(field, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

const list = () => screen.findByRole('listbox', { name: 'Suggestions' });
const options = (listbox: HTMLElement) => within(listbox).getAllByRole('option');
const key = (field: HTMLElement, k: string, init: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(field, { key: k, ...init });

describe('Composer autocomplete', () => {
  it('suggests accounts after a pause; arrows and Enter insert a remote one as @user@domain', async () => {
    const fake = fakeComposer({ suggestions: { 'account:al': accounts } });
    const text = await renderComposer(fake);
    typeText(text, 'Hi @al');
    const listbox = await list();
    expect(fake.backend.suggest).toHaveBeenCalledExactlyOnceWith({ accountId: alice.id, kind: 'account', query: 'al' });
    expect(options(listbox).map((o) => o.textContent)).toEqual(['Alice @alice', '<b>Alina</b> @alina@elsewhere.example']);
    // The server's display name is text, never markup.
    expect(listbox.querySelector('b')).toBeNull();
    expect(listbox.querySelectorAll('img')[1]!.getAttribute('src')).toBe('https://example.social/b.png');
    expect(text.getAttribute('aria-controls')).toBe(listbox.id);
    expect(text.getAttribute('aria-activedescendant')).toBe(options(listbox)[0]!.id);

    key(text, 'ArrowDown');
    expect(options(listbox)[1]!.getAttribute('aria-selected')).toBe('true');
    expect(text.getAttribute('aria-activedescendant')).toBe(options(listbox)[1]!.id);
    expect(key(text, 'Enter')).toBe(false);
    expect(text.value).toBe('Hi @alina@elsewhere.example ');
    expect(text.selectionStart).toBe(text.value.length);
    expect(screen.queryByRole('listbox')).toBeNull();
    await waitFor(() => expect(fake.stored('popup').text).toBe('Hi @alina@elsewhere.example '));
  });

  it('inserts a hashtag with Tab, and ArrowUp wraps to the last suggestion', async () => {
    const fake = fakeComposer({ suggestions: { 'hashtag:fedi': hashtags } });
    const text = await renderComposer(fake);
    typeText(text, '#fedi');
    await list();
    key(text, 'ArrowUp');
    expect(key(text, 'Tab')).toBe(false);
    expect(text.value).toBe('#fedipost ');
  });

  it('inserts a custom emoji picked with the mouse, keeping the focus in the text', async () => {
    const fake = fakeComposer({ suggestions: { 'emoji:blob': emoji } });
    const text = await renderComposer(fake);
    typeText(text, 'So cute :blob');
    const listbox = await list();
    const [option] = options(listbox);
    expect(option!.textContent).toBe(':blobcat:');
    expect(option!.querySelector('img')!.getAttribute('alt')).toBe('');
    // Pressing the mouse on a suggestion does not take the focus from the text box.
    expect(fireEvent.mouseDown(option!)).toBe(false);
    fireEvent.click(option!);
    expect(text.value).toBe('So cute :blobcat: ');
    expect(document.activeElement).toBe(text);
  });

  it('closes with Escape, keeps the text, and stays closed for that word', async () => {
    const fake = fakeComposer({ suggestions: { 'account:al': accounts } });
    const text = await renderComposer(fake);
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    try {
      typeText(text, '@al');
      await list();
      key(text, 'Escape');
      expect(screen.queryByRole('listbox')).toBeNull();
      expect(outside).not.toHaveBeenCalled();
      expect(text.value).toBe('@al');
      fireEvent.click(text);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(screen.queryByRole('listbox')).toBeNull();
      // Enter is a new line again: nothing is listed.
      expect(key(text, 'Enter')).toBe(true);
    } finally {
      document.removeEventListener('keydown', outside);
    }
  });

  it('never blocks typing: a slow answer for an older word is dropped', async () => {
    const fake = fakeComposer({ suggestions: { 'account:ali': accounts } });
    let answerOld!: (outcome: SuggestOutcome) => void;
    fake.backend.suggest.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    const text = await renderComposer(fake);
    typeText(text, '@al');
    await waitFor(() => expect(fake.backend.suggest).toHaveBeenCalledOnce());
    typeText(text, '@ali');
    expect(text.value).toBe('@ali');
    answerOld({ ok: true, suggestions: [{ kind: 'hashtag', name: 'stale' }] });
    const listbox = await list();
    expect(options(listbox).map((o) => o.textContent)).toEqual(['Alice @alice', '<b>Alina</b> @alina@elsewhere.example']);
  });

  it('asks once per word while typing quickly (debounced)', async () => {
    const fake = fakeComposer({ suggestions: { 'account:alice': accounts } });
    const text = await renderComposer(fake);
    for (const typed of ['@a', '@al', '@ali', '@alic', '@alice']) typeText(text, typed);
    await list();
    expect(fake.backend.suggest).toHaveBeenCalledExactlyOnceWith({ accountId: alice.id, kind: 'account', query: 'alice' });
  });

  it('says how to get suggestions when the account was connected without the search permission', async () => {
    const fake = fakeComposer({ suggestions: { 'account:al': { ok: false, reason: 'missing-scope' } } });
    const text = await renderComposer(fake);
    typeText(text, '@al');
    expect((await screen.findByText(/^Reconnect this account/)).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('listbox')).toBeNull();
    // Enter still types a new line.
    expect(key(text, 'Enter')).toBe(true);
  });

  it('leaves Ctrl+Enter to posting while the list is open', async () => {
    const fake = fakeComposer({ suggestions: { 'account:al': accounts } });
    const text = await renderComposer(fake);
    typeText(text, 'Hello @al');
    await list();
    key(text, 'Enter', { ctrlKey: true });
    await waitFor(() => expect(fake.backend.post).toHaveBeenCalledOnce());
    expect(fake.backend.post.mock.calls).toHaveLength(1);
  });
});
