// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CharacterCounter } from '@/components/composer/CharacterCounter';
import { formatLocalTime } from '@/components/format';
import { applyUiLocale } from '@/utils/i18n';

afterEach(cleanup);

/** The browser as a person with another UI language has it: its language, and its catalogue's direction. */
function uiIn(language: string, direction: 'ltr' | 'rtl') {
  const getMessage = fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => language;
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    key === 'textDirection' ? direction : getMessage(key, subs)) as typeof fakeBrowser.i18n.getMessage;
}

describe('the UI language', () => {
  it('marks the page with its language and direction: Arabic lays out right to left', () => {
    uiIn('ar', 'rtl');
    const root = document.createElement('html');
    applyUiLocale(root);
    expect([root.lang, root.dir]).toEqual(['ar', 'rtl']);

    uiIn('de', 'ltr');
    applyUiLocale(root);
    expect([root.lang, root.dir]).toEqual(['de', 'ltr']);
  });

  it('writes the counter with its digits and grouping, shown and announced', () => {
    uiIn('de', 'ltr');
    render(<CharacterCounter id="c" remaining={1234} max={5000} style="remaining" />);
    const counter = screen.getByRole('status');
    expect(counter.textContent).toBe('1.234');
    expect(counter.getAttribute('aria-label')).toBe('Characters left: 1.234');
  });

  it('uses Arabic-Indic digits where the language writes them, also for "used of the limit"', () => {
    uiIn('ar-EG', 'rtl');
    render(<CharacterCounter id="c" remaining={480} max={500} style="used" />);
    expect(screen.getByRole('status').textContent).toBe('٢٠ / ٥٠٠');
  });

  it('formats a retry time with the language’s clock', () => {
    const at = new Date(2026, 10, 30, 14, 5);
    uiIn('en-US', 'ltr');
    expect(formatLocalTime(at, at)).toBe('2:05 PM');
    uiIn('de', 'ltr');
    expect(formatLocalTime(at, at)).toBe('14:05');
  });
});
