import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import { languageOptions, type LanguageOption } from '../languages';
import { LanguageIcon } from './icons';
import { useDismissOutside } from './useDismiss';

export interface LanguagePickerProps {
  value: string;
  /** Languages of recent posts, latest first: listed before the rest. */
  recent: readonly string[];
  disabled?: boolean;
  onChange(language: string): void;
}

/** Typing filters by name or code: "deu", "Deutsch" or "ger" all find German when the name matches. */
function matches(option: LanguageOption, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return q === '' || option.code === q || option.label.toLocaleLowerCase().includes(q);
}

/**
 * The toolbar's language button (it shows the code, as Mastodon's does) and its
 * searchable list: recent languages first, then every other; the search box keeps the
 * focus while arrows move through the list, Enter picks, Escape closes.
 */
export function LanguagePicker({ value, recent, disabled, onChange }: LanguagePickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const all = useMemo(() => languageOptions(uiLanguage(), { current: value }), [value]);
  const current = all.find((option) => option.code === value);
  /** The current language and recent ones, listed first (when nothing is typed, a line sets them apart). */
  const first = useMemo(
    () => [...new Set([value, ...recent])].flatMap((code) => all.filter((option) => option.code === code)),
    [all, recent, value],
  );
  const shown = [...first, ...all.filter((option) => !first.includes(option))].filter((option) => matches(option, query));
  const firstCount = query === '' ? first.length : 0;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useDismissOutside(open, root, () => close(false));

  useLayoutEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  useLayoutEffect(() => {
    document.getElementById(`${id}-option-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, open]);

  function pick(option: LanguageOption | undefined) {
    if (!option) return;
    close(true);
    onChange(option.code);
  }

  function onSearchKeyDown(event: KeyboardEvent) {
    const last = shown.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        setActive((index) => Math.min(last, index + 1));
        break;
      case 'ArrowUp':
        setActive((index) => Math.max(0, index - 1));
        break;
      case 'Home':
        setActive(0);
        break;
      case 'End':
        setActive(last);
        break;
      case 'Enter':
        pick(shown[active]);
        break;
      case 'Escape':
        close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div class="tool-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="tool"
        // The code shown on the button is part of its name: a person using speech input
        // says what they see ("EN"), and axe-core checks that (label-content-name-mismatch).
        aria-label={`${t('languageLabel')} ${value.toUpperCase()}`}
        title={`${t('languageLabel')}: ${current?.label ?? value}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => {
          if (open) return close(false);
          setQuery('');
          setActive(0);
          setOpen(true);
        }}
      >
        <LanguageIcon />
        <span class="tool-text">{value.toUpperCase()}</span>
      </button>
      {open && (
        <div class="menu menu-end language-menu" role="dialog" aria-label={t('languageLabel')}>
          <input
            ref={search}
            type="text"
            role="combobox"
            aria-label={t('languageSearchLabel')}
            placeholder={t('languageSearchPlaceholder')}
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={shown.length > 0 ? `${id}-option-${active}` : undefined}
            value={query}
            onInput={(event) => {
              setQuery(event.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={onSearchKeyDown}
          />
          <ul id={`${id}-list`} role="listbox" aria-label={t('languageListLabel')} class="language-list">
            {shown.map((option, index) => (
              <li
                key={option.code}
                id={`${id}-option-${index}`}
                role="option"
                lang={option.code}
                aria-selected={index === active}
                class={index === firstCount - 1 ? 'option last-recent' : 'option'}
                // Keeps the focus in the search box: a click picks, it doesn't blur.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(option)}
              >
                {option.label}
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p class="hint">{t('languageNoMatch')}</p>}
        </div>
      )}
    </div>
  );
}
