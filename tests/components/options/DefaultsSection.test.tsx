// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { DefaultsSection, TEMPLATE_SAVE_DELAY_MS } from '@/components/options/DefaultsSection';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { alice, bob } from './fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup(settings: Partial<Settings> = {}, onSave = vi.fn(async (_settings: Settings) => {})) {
  render(<DefaultsSection settings={{ ...DEFAULT_SETTINGS, ...settings }} onSave={onSave} />);
  return onSave;
}

const template = () => screen.getByRole('textbox', { name: 'Share template' }) as HTMLTextAreaElement;
const preview = (name: string) => screen.getByRole('figure', { name }).querySelector('pre')!.textContent;
const status = () => screen.getByRole('status').textContent;

describe('DefaultsSection', () => {
  it('shows the template, its placeholders and a preview of both kinds of share', () => {
    setup();
    expect(screen.getByRole('region', { name: 'Defaults' })).toBeTruthy();
    expect(template().value).toBe(DEFAULT_SETTINGS.shareTemplate);
    const placeholders = screen.getByRole('list', { name: 'Placeholders' });
    expect(within(placeholders).getAllByRole('listitem').map((li) => li.querySelector('code')!.textContent)).toEqual(['{title}', '{url}', '{selection}', '{author}']);
    // The placeholder list describes the field.
    expect(template().getAttribute('aria-describedby')).toContain(placeholders.id);
    expect(preview('Sharing a selection')).toBe(
      '“Patience is the secret ingredient.”\n\nHow to bake sourdough bread at home\nhttps://example.com/sourdough',
    );
    expect(preview('Sharing a page')).toBe('How to bake sourdough bread at home\nhttps://example.com/sourdough');
  });

  it('updates the preview as the template is typed, and saves once typing pauses', async () => {
    vi.useFakeTimers();
    const onSave = setup();
    fireEvent.input(template(), { target: { value: 'Reading: {title} {url} {foo}' } });
    expect(preview('Sharing a page')).toBe('Reading: How to bake sourdough bread at home https://example.com/sourdough {foo}');
    fireEvent.input(template(), { target: { value: 'Reading {title}' } });
    expect(preview('Sharing a page')).toBe('Reading How to bake sourdough bread at home');
    expect(onSave).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(TEMPLATE_SAVE_DELAY_MS);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, shareTemplate: 'Reading {title}' });
    expect(status()).toBe('Saved');
  });

  it('saves the template at once when the field is left', async () => {
    const onSave = setup();
    fireEvent.input(template(), { target: { value: '{url}' } });
    fireEvent.blur(template());
    expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, shareTemplate: '{url}' });
    await waitFor(() => expect(status()).toBe('Saved'));
  });

  it('never saves an empty template, and says why', async () => {
    vi.useFakeTimers();
    const onSave = setup();
    fireEvent.input(template(), { target: { value: '  \n ' } });
    fireEvent.blur(template());
    await vi.advanceTimersByTimeAsync(TEMPLATE_SAVE_DELAY_MS * 2);
    expect(onSave).not.toHaveBeenCalled();
    expect(template().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Write a template, or reset it to the default/).id).not.toBe('');
    expect(template().getAttribute('aria-describedby')).toContain(screen.getByText(/Write a template/).id);
    // Another setting changed meanwhile keeps the saved template.
    fireEvent.click(screen.getByRole('radio', { name: 'Characters used' }));
    expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, counterStyle: 'used' });
  });

  it('resets the template to the default', () => {
    const onSave = setup({ shareTemplate: '{url}' });
    fireEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
    expect(template().value).toBe(DEFAULT_SETTINGS.shareTemplate);
    expect(onSave).toHaveBeenCalledWith(DEFAULT_SETTINGS);
  });

  it('saves the default visibility, "Account\'s default" as null', async () => {
    const onSave = setup();
    const select = screen.getByRole('combobox', { name: 'Default visibility' }) as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(Array.from(select.options).map((o) => o.text)).toEqual(["Account's default", 'Public', 'Quiet public', 'Followers', 'Private mention']);
    fireEvent.change(select, { target: { value: 'unlisted' } });
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, defaultVisibility: 'unlisted' });
    fireEvent.change(select, { target: { value: '' } });
    expect(onSave).toHaveBeenLastCalledWith(DEFAULT_SETTINGS);
    await waitFor(() => expect(status()).toBe('Saved'));
  });

  it('saves the default language, offering languages by name', () => {
    const onSave = setup();
    const select = screen.getByRole('combobox', { name: 'Default language' }) as HTMLSelectElement;
    expect(select.options[0]!.text).toBe("Account's default");
    const german = Array.from(select.options).find((o) => o.value === 'de')!;
    expect(german.text).toBe('German — Deutsch');
    expect(german.lang).toBe('de');
    fireEvent.change(select, { target: { value: 'de' } });
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, defaultLanguage: 'de' });
  });

  it('keeps a stored language the browser has no name for', () => {
    setup({ defaultLanguage: 'qqq' });
    expect((screen.getByRole('combobox', { name: 'Default language' }) as HTMLSelectElement).value).toBe('qqq');
  });

  it('strips tracking parameters in the preview only while the box is ticked', () => {
    const onSave = setup();
    const box = screen.getByRole('checkbox', { name: 'Strip tracking parameters from shared links' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, stripTracking: false });
    expect(preview('Sharing a page')).toBe('How to bake sourdough bread at home\nhttps://example.com/sourdough?utm_source=newsletter&utm_medium=email');
  });

  it('switches the alt text question before posting off and on', () => {
    const onSave = setup();
    const box = screen.getByRole('checkbox', { name: 'Ask about missing alt text before posting' }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Post asks once, when an image or video has no description.',
    );
    fireEvent.click(box);
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, altTextReminder: false });
  });

  it('saves the counter style', () => {
    const onSave = setup();
    const group = screen.getByRole('group', { name: 'Character counter' });
    expect((within(group).getByRole('radio', { name: 'Characters left' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole('radio', { name: 'Characters used' }));
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, counterStyle: 'used' });
  });

  it('saves how long Undo is offered, off included, and shows a stored value that is not a choice', () => {
    const onSave = setup();
    const undo = screen.getByRole('combobox', { name: 'Offer Undo after posting for' }) as HTMLSelectElement;
    expect(undo.value).toBe('30');
    fireEvent.change(undo, { target: { value: '0' } });
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, undoSeconds: 0 });
    expect(undo.selectedOptions[0]!.textContent).toBe('Never (no Undo)');
    cleanup();
    setup({ undoSeconds: 45 });
    expect((screen.getByRole('combobox', { name: 'Offer Undo after posting for' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('45 seconds');
  });

  it('saves a template still being typed along with another change', () => {
    const onSave = setup();
    fireEvent.input(template(), { target: { value: '{title}' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Characters used' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, shareTemplate: '{title}', counterStyle: 'used' });
  });

  it('says when saving failed', async () => {
    setup({}, vi.fn(async () => Promise.reject(new Error('quota'))));
    fireEvent.click(screen.getByRole('radio', { name: 'Characters used' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe("Couldn't save. Try again."));
    expect(status()).toBe('');
  });

  it('keeps the server-dependent defaults: local-only and the text format', () => {
    const onSave = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Post only on my server (not federated)' }));
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, defaultLocalOnly: true });
    fireEvent.change(screen.getByRole('combobox', { name: 'Text format' }), { target: { value: 'text/markdown' } });
    expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, defaultLocalOnly: true, defaultFormat: 'text/markdown' });
  });
});

describe('DefaultsSection: the default group of accounts (cross-posting)', () => {
  const carol = { ...bob, id: 'carol@third.example', username: 'carol', origin: 'https://third.example' };

  it('offers every account but the default one, by handle, and saves the group with the other settings', async () => {
    const onSave = vi.fn(async (_settings: Settings) => {});
    render(<DefaultsSection settings={DEFAULT_SETTINGS} onSave={onSave} accounts={[alice, bob, carol]} defaultAccountId={alice.id} />);
    const group = screen.getByRole('group', { name: 'Also post as, by default' });
    expect(within(group).getAllByRole('checkbox').map((box) => box.parentElement!.textContent)).toEqual(['@bob@example.org', '@carol@third.example']);
    fireEvent.click(within(group).getByRole('checkbox', { name: '@carol@third.example' }));
    await waitFor(() => expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, crosspostDefault: [carol.id] }));
    fireEvent.click(within(group).getByRole('checkbox', { name: '@bob@example.org' }));
    await waitFor(() => expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, crosspostDefault: [carol.id, bob.id] }));
    fireEvent.click(within(group).getByRole('checkbox', { name: '@carol@third.example' }));
    await waitFor(() => expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, crosspostDefault: [bob.id] }));
    expect(status()).toBe('Saved');
  });

  it('is not offered with one account', () => {
    render(<DefaultsSection settings={DEFAULT_SETTINGS} onSave={vi.fn()} accounts={[alice]} defaultAccountId={alice.id} />);
    expect(screen.queryByRole('group', { name: 'Also post as, by default' })).toBeNull();
  });
});
