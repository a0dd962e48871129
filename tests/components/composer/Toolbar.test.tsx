// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Composer } from '@/components/composer/Composer';
import { VisibilityMenu } from '@/components/composer/VisibilityMenu';
import { alice, bob, fakeComposer, mediaOf } from './fake';

afterEach(cleanup);

type Fake = ReturnType<typeof fakeComposer>;

async function renderComposer(fake: Fake) {
  render(<Composer backend={fake.backend} draftId="popup" accounts={[alice, bob]} onAddAccount={vi.fn()} onReconnect={vi.fn()} />);
  return (await screen.findByRole('textbox', { name: 'Post text' })) as HTMLTextAreaElement;
}

/** The language button, named by the word and the code it shows ("Language EN"). */
const LANGUAGE = /^Language [A-Z]{2,3}$/;
const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const key = (element: Element, k: string) => fireEvent.keyDown(element, { key: k });
const lastPatch = (fake: Fake) => fake.backend.updateDraft.mock.lastCall![0].patch;

describe('Composer toolbar', () => {
  it('is one row of named icon buttons, each with a tooltip', async () => {
    await renderComposer(fakeComposer());
    const toolbar = screen.getByRole('group', { name: 'Post options' });
    const names = [...toolbar.querySelectorAll('button, input[type="checkbox"]')].map((control) => control.getAttribute('aria-label'));
    expect(names).toEqual(['Add media', 'Add poll', 'Content warning', 'Visibility', 'Language EN', 'Schedule']);
    for (const name of ['Add media', 'Add poll', 'Visibility', 'Language', 'Schedule']) expect(button(new RegExp(`^${name}`)).title).toMatch(new RegExp(`^${name}`));
    expect(screen.getByRole('checkbox', { name: 'Content warning' }).closest('label')!.title).toBe('Content warning');
    // Icons are drawings only: the names come from the buttons.
    for (const svg of toolbar.querySelectorAll('svg')) expect(svg.getAttribute('aria-hidden')).toBe('true');
  });

  it('adds the sensitive flag only while media is attached', async () => {
    await renderComposer(fakeComposer({ draft: { media: [mediaOf()] } }));
    const toggle = screen.getByRole('checkbox', { name: 'Mark media as sensitive' });
    expect(within(screen.getByRole('group', { name: 'Post options' })).getByRole('checkbox', { name: 'Mark media as sensitive' })).toBe(toggle);
  });

  it('opens the visibility menu from the keyboard on the current choice, moves with arrows, picks with Enter', async () => {
    const fake = fakeComposer({ draft: { text: 'Kept', visibility: 'unlisted' } });
    const text = await renderComposer(fake);
    const visibility = button('Visibility');
    visibility.focus();
    key(visibility, 'ArrowDown');
    const menu = await screen.findByRole('menu', { name: 'Visibility' });
    expect(visibility.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(menu).getByRole('menuitemradio', { name: 'Quiet public' }));
    expect(document.activeElement!.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(document.activeElement!.getAttribute('aria-describedby')!)!.textContent).toBe('Fewer algorithmic fanfares');
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement!.textContent).toMatch(/^Followers/);
    key(document.activeElement!, 'End');
    expect(document.activeElement!.textContent).toMatch(/^Private mention/);
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement!.textContent).toMatch(/^Public/);
    key(document.activeElement!, 'ArrowDown');
    key(document.activeElement!, 'ArrowDown');
    key(document.activeElement!, 'Enter');
    expect(lastPatch(fake)).toEqual({ visibility: 'private' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(visibility);
    expect(visibility.title).toBe('Visibility: Followers');
    expect(text.value).toBe('Kept');
  });

  it('closes a menu with Escape and leaves the draft alone; the event goes no further', async () => {
    const fake = fakeComposer({ draft: { text: 'Still here' } });
    const text = await renderComposer(fake);
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    try {
      fireEvent.click(button('Schedule'));
      const menu = await screen.findByRole('menu', { name: 'Schedule' });
      key(document.activeElement!, 'Escape');
      expect(screen.queryByRole('menu')).toBeNull();
      expect(menu.isConnected).toBe(false);
      expect(document.activeElement).toBe(button('Schedule'));
      expect(outside).not.toHaveBeenCalled();
      expect(text.value).toBe('Still here');
      expect(fake.backend.updateDraft).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', outside);
    }
  });

  it('closes a menu on a click elsewhere', async () => {
    const text = await renderComposer(fakeComposer());
    fireEvent.click(button('Visibility'));
    expect(screen.getByRole('menu')).toBeTruthy();
    fireEvent.pointerDown(text);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it("lists the server's own visibility choices when given them", () => {
    const onChange = vi.fn();
    const choices = [
      { value: 'public', label: 'Public', description: 'Anyone' },
      { value: 'local', label: 'Local only', description: 'Only people on this server' },
      { value: 'mutuals', label: 'Mutuals only', description: 'People you follow who follow you' },
    ] as const;
    render(<VisibilityMenu choices={choices} value="local" onChange={onChange} />);
    expect(button('Visibility').title).toBe('Visibility: Local only');
    fireEvent.click(button('Visibility'));
    expect(screen.getAllByRole('menuitemradio').map((item) => item.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false']);
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'Mutuals only' }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith('mutuals');
  });

  it('lists recent languages first, filters as the person types, and picks with arrows and Enter', async () => {
    const fake = fakeComposer({ recentLanguages: ['de', 'ja'] });
    await renderComposer(fake);
    fireEvent.click(button(LANGUAGE));
    const search = await screen.findByRole('combobox', { name: 'Search languages' });
    expect(document.activeElement).toBe(search);
    const names = () => within(screen.getByRole('listbox', { name: 'Languages' })).getAllByRole('option').map((o) => o.textContent);
    // The current language (the browser's, English), then the recent ones, then all others.
    expect(names().slice(0, 3)).toEqual(['English', 'German', 'Japanese']);
    expect(names().filter((n) => n === 'German')).toHaveLength(1);

    fireEvent.input(search, { target: { value: 'fre' } });
    expect(names()).toEqual(['French']);
    fireEvent.input(search, { target: { value: 'an' } });
    expect(names()).toContain('German');
    key(search, 'ArrowDown');
    const active = document.getElementById(search.getAttribute('aria-activedescendant')!)!;
    expect(active.getAttribute('aria-selected')).toBe('true');
    key(search, 'Enter');
    expect(lastPatch(fake)).toEqual({ language: active.getAttribute('lang') });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(button(LANGUAGE));
  });

  it('closes the language list with Escape, choosing nothing', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    fireEvent.click(button(LANGUAGE));
    key(await screen.findByRole('combobox', { name: 'Search languages' }), 'Escape');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(fake.backend.updateDraft).not.toHaveBeenCalled();
  });

  it('schedules with a quick choice, shows the time as a chip, and a click on the chip posts now again', async () => {
    const fake = fakeComposer({ draft: { text: 'Later' } });
    await renderComposer(fake);
    fireEvent.click(button('Schedule'));
    const items = within(await screen.findByRole('menu', { name: 'Schedule' })).getAllByRole('menuitem');
    expect(items.map((item) => item.querySelector('.menu-label')!.textContent)).toContain('In 1 hour');
    expect(items.map((item) => item.querySelector('.menu-label')!.textContent)).toContain('Tomorrow morning');
    expect(items.at(-1)!.textContent).toBe('Pick a time…');
    const before = Date.now();
    fireEvent.click(screen.getByRole('menuitem', { name: 'In 1 hour' }));
    const scheduledAt = Date.parse(lastPatch(fake).scheduledAt!);
    expect(scheduledAt - before).toBeGreaterThanOrEqual(60 * 60_000);
    expect(scheduledAt - before).toBeLessThanOrEqual(61 * 60_000);
    expect(button('Schedule').classList.contains('active')).toBe(true);

    const chip = await screen.findByRole('button', { name: /^Clear schedule \(.+\)$/ });
    fireEvent.click(chip);
    await waitFor(() => expect(lastPatch(fake)).toEqual({ scheduledAt: null }));
    expect(screen.queryByRole('button', { name: /^Clear schedule/ })).toBeNull();
  });

  it('"Tomorrow morning" is 9:00 tomorrow on the local clock', async () => {
    const fake = fakeComposer();
    await renderComposer(fake);
    fireEvent.click(button('Schedule'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Tomorrow morning' }));
    const at = new Date(lastPatch(fake).scheduledAt!);
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    expect([at.getDate(), at.getHours(), at.getMinutes()]).toEqual([tomorrow.getDate(), 9, 0]);
  });

  it('turns the counter to a warning near the limit and shows the overflow past it', async () => {
    const fake = fakeComposer({ limits: { [alice.id]: { maxCharacters: 30 } } });
    const text = await renderComposer(fake);
    const counter = () => screen.getByRole('status', { name: /^Characters/ });
    expect(counter().className).toBe('counter');
    fireEvent.input(text, { target: { value: 'x'.repeat(15) } });
    expect(counter().className).toBe('counter warning');
    expect(counter().textContent).toBe('15');
    fireEvent.input(text, { target: { value: 'x'.repeat(34) } });
    expect(counter().className).toBe('counter over');
    expect(counter().textContent).toBe('-4');
    expect(counter().getAttribute('aria-label')).toBe('Characters over the limit: 4');
  });

  it('shows the account avatar beside the text box', async () => {
    await renderComposer(fakeComposer({ accounts: [bob], draft: { accountId: bob.id } }));
    const main = screen.getByRole('textbox', { name: 'Post text' }).closest('.composer-main')!;
    expect(main.querySelector('img.avatar')!.getAttribute('src')).toBe(bob.avatar);
  });
});
