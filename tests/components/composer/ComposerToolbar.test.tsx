// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { ComposerToolbar, type ComposerToolbarProps } from '@/components/composer/ComposerToolbar';
import { visibilityChoices } from '@/components/visibility-choices';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import { draftOf, mediaOf } from './fake';

afterEach(cleanup);

/** The toolbar as the composer draws it for a plain draft, with every callback a spy. */
function renderToolbar(overrides: Partial<ComposerToolbarProps> = {}) {
  const props = {
    disabled: false,
    draft: draftOf(),
    limits: DEFAULT_LIMITS,
    visibilityChoices: visibilityChoices(),
    visibility: 'public',
    language: 'en',
    recentLanguages: [],
    onChange: vi.fn<ComposerToolbarProps['onChange']>(),
    onAddFiles: vi.fn<ComposerToolbarProps['onAddFiles']>(),
    onContentWarning: vi.fn<ComposerToolbarProps['onContentWarning']>(),
    onSchedule: vi.fn<ComposerToolbarProps['onSchedule']>(),
    onPickTime: vi.fn<ComposerToolbarProps['onPickTime']>(),
    ...overrides,
  } satisfies ComposerToolbarProps;
  render(
    <>
      {/* The sentence the composer shows above the toolbar while the draft quotes a post. */}
      <p id="quote-only">A quote can't carry media or a poll.</p>
      <ComposerToolbar {...props} />
    </>,
  );
  return props;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name }) as HTMLButtonElement;
const key = (element: Element, k: string) => fireEvent.keyDown(element, { key: k });
/**
 * What a Tab key reaches in the toolbar, in order: the controls not hidden and not disabled,
 * by themselves or by the fieldset around them (as browsers do; happy-dom's `:disabled`
 * does not look at the fieldset).
 */
const tabStops = () =>
  [...screen.getByRole('group', { name: 'Post options' }).querySelectorAll<HTMLInputElement | HTMLButtonElement>('button, input')]
    .filter((control) => !control.hidden && !control.disabled && !control.closest('fieldset')!.disabled)
    .map((control) => control.getAttribute('aria-label'));

describe('ComposerToolbar', () => {
  it('offers every tool of a plain draft, in one group, each reached by Tab', () => {
    renderToolbar();
    expect(tabStops()).toEqual(['Add media', 'Add poll', 'Content warning', 'Visibility', 'Language EN', 'Schedule']);
    // Not the sensitive flag: there is no media to mark.
    expect(screen.queryByRole('checkbox', { name: 'Mark media as sensitive' })).toBeNull();
  });

  it('opens the file picker from "Add media" and hands over what was picked, the server\'s file types offered', () => {
    const props = renderToolbar({ limits: { ...DEFAULT_LIMITS, supportedMimeTypes: ['image/png', 'image/jpeg'] } });
    const picker = screen.getByRole('group', { name: 'Post options' }).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(picker.accept).toBe('image/png,image/jpeg');
    expect(picker.multiple).toBe(true);
    const opened = vi.spyOn(picker, 'click');
    fireEvent.click(button('Add media'));
    expect(opened).toHaveBeenCalledOnce();

    const file = new File(['png'], 'cat.png', { type: 'image/png' });
    Object.defineProperty(picker, 'files', { value: [file], configurable: true });
    // A browser fires "change" only when the picked files differ from the field's value.
    const emptied = vi.spyOn(picker, 'value', 'set');
    fireEvent.change(picker);
    expect(props.onAddFiles).toHaveBeenCalledExactlyOnceWith([file]);
    // Emptied, so that the same file picked again (after removing it) counts again.
    expect(emptied).toHaveBeenCalledExactlyOnceWith('');
  });

  it('offers any image, video or audio where the server did not name its file types', () => {
    renderToolbar({ limits: { ...DEFAULT_LIMITS, supportedMimeTypes: [] } });
    expect(screen.getByRole('group', { name: 'Post options' }).querySelector<HTMLInputElement>('input[type="file"]')!.accept).toBe('image/*,video/*,audio/*');
  });

  it('adds a poll of the server\'s shape', () => {
    const props = renderToolbar();
    fireEvent.click(button('Add poll'));
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith({ poll: { options: ['', ''], expiresIn: 86_400, multiple: false } });
  });

  it('with a poll: "Remove poll" is on and takes it away, and media cannot be added', () => {
    const props = renderToolbar({ draft: draftOf({ poll: { options: ['Yes', 'No'], expiresIn: 3600, multiple: false } }) });
    const poll = button('Remove poll');
    expect(poll.classList.contains('active')).toBe(true);
    expect(poll.title).toBe('Remove poll');
    expect(button('Add media').disabled).toBe(true);
    expect(tabStops()).not.toContain('Add media');
    fireEvent.click(poll);
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith({ poll: null });
  });

  it('with media: no poll can be added, and the media can be marked sensitive', () => {
    const props = renderToolbar({ draft: draftOf({ media: [mediaOf()] }) });
    expect(button('Add poll').disabled).toBe(true);
    expect(button('Add media').disabled).toBe(false);
    expect(tabStops()).toEqual(['Add media', 'Content warning', 'Visibility', 'Language EN', 'Schedule', 'Mark media as sensitive']);
    const sensitive = screen.getByRole('checkbox', { name: 'Mark media as sensitive' }) as HTMLInputElement;
    expect(sensitive.checked).toBe(false);
    fireEvent.click(sensitive);
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith({ sensitive: true });
  });

  it('while quoting: neither media nor a poll, and both say why', () => {
    renderToolbar({ quoteHintId: 'quote-only' });
    for (const name of ['Add media', 'Add poll']) {
      const tool = button(name);
      expect(tool.disabled).toBe(true);
      expect(document.getElementById(tool.getAttribute('aria-describedby')!)!.textContent).toBe("A quote can't carry media or a poll.");
    }
  });

  it('not quoting, points to no such sentence: the media or poll in view says why by itself', () => {
    renderToolbar({ draft: draftOf({ media: [mediaOf()] }) });
    expect(button('Add poll').hasAttribute('aria-describedby')).toBe(false);
    expect(button('Add media').hasAttribute('aria-describedby')).toBe(false);
  });

  it('switches the content warning on', () => {
    const props = renderToolbar();
    const warning = screen.getByRole('checkbox', { name: 'Content warning' }) as HTMLInputElement;
    expect(warning.checked).toBe(false);
    fireEvent.click(warning);
    expect(props.onContentWarning).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('shows a content warning that is on, and switches it off', () => {
    const props = renderToolbar({ draft: draftOf({ spoilerEnabled: true }) });
    const warning = screen.getByRole('checkbox', { name: 'Content warning' }) as HTMLInputElement;
    expect(warning.checked).toBe(true);
    expect(warning.closest('label')!.classList.contains('active')).toBe(true);
    fireEvent.click(warning);
    expect(props.onContentWarning).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('picks a visibility from the keyboard: Down opens the menu on the current one, Enter picks', async () => {
    const props = renderToolbar({ visibility: 'unlisted' });
    const visibility = button('Visibility');
    expect(visibility.title).toBe('Visibility: Quiet public');
    visibility.focus();
    key(visibility, 'ArrowDown');
    const menu = await screen.findByRole('menu', { name: 'Visibility' });
    expect(document.activeElement).toBe(within(menu).getByRole('menuitemradio', { name: 'Quiet public' }));
    key(document.activeElement!, 'ArrowDown');
    key(document.activeElement!, 'Enter');
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith({ visibility: 'private' });
    expect(document.activeElement).toBe(visibility);
  });

  it("lists the server's mutuals-only level where it has one", async () => {
    renderToolbar({ visibilityChoices: visibilityChoices(true) });
    fireEvent.click(button('Visibility'));
    const menu = await screen.findByRole('menu', { name: 'Visibility' });
    expect(within(menu).getAllByRole('menuitemradio').map((item) => item.querySelector('.menu-label')!.textContent)).toContain('Mutuals only');
  });

  it('picks a language from the keyboard, the recent ones first', async () => {
    const props = renderToolbar({ language: 'de', recentLanguages: ['ja'] });
    const language = button('Language DE');
    expect(language.title).toBe('Language: German');
    fireEvent.click(language);
    const search = await screen.findByRole('combobox', { name: 'Search languages' });
    expect(document.activeElement).toBe(search);
    const options = within(screen.getByRole('listbox', { name: 'Languages' })).getAllByRole('option');
    expect(options.slice(0, 2).map((o) => o.textContent)).toEqual(['German', 'Japanese']);
    key(search, 'ArrowDown');
    key(search, 'Enter');
    expect(props.onChange).toHaveBeenCalledExactlyOnceWith({ language: 'ja' });
    expect(document.activeElement).toBe(language);
  });

  it('schedules with a quick choice, or asks for a time: Up opens the menu on "Pick a time…"', async () => {
    const props = renderToolbar();
    const schedule = button('Schedule');
    schedule.focus();
    key(schedule, 'ArrowUp');
    const menu = await screen.findByRole('menu', { name: 'Schedule' });
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Pick a time…' }));
    key(document.activeElement!, 'Enter');
    expect(props.onPickTime).toHaveBeenCalledOnce();
    expect(props.onSchedule).not.toHaveBeenCalled();

    fireEvent.click(schedule);
    const before = Date.now();
    fireEvent.click(await screen.findByRole('menuitem', { name: 'In 1 hour' }));
    const ahead = Date.parse(vi.mocked(props.onSchedule).mock.lastCall![0]) - before;
    expect(ahead).toBeGreaterThanOrEqual(60 * 60_000);
    expect(ahead).toBeLessThanOrEqual(61 * 60_000);
  });

  it('shows a set schedule as an active button whose tooltip says when', () => {
    renderToolbar({ draft: draftOf({ scheduledAt: new Date(Date.now() + 2 * 3600_000).toISOString() }) });
    const schedule = button('Schedule');
    expect(schedule.classList.contains('active')).toBe(true);
    expect(schedule.title).toMatch(/^Schedule: .+/);
  });

  it('while the post is sent, no tool can be used', () => {
    renderToolbar({ disabled: true, draft: draftOf({ media: [mediaOf()] }) });
    expect((screen.getByRole('group', { name: 'Post options' }) as HTMLFieldSetElement).disabled).toBe(true);
    expect(tabStops()).toEqual([]);
  });
});
