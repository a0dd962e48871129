import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import { languageOptions, type LanguageOption } from '../languages';
import './menu.css';
import './LanguageList.css';

export interface LanguageListProps {
  /** The id base the button points at. */
  id: string;
  value: string;
  /** Languages of recent posts, latest first: listed before the rest. */
  recent: readonly string[];
  onPick(language: string): void;
  /** Closes the list; `refocus` puts the focus back on the language button. */
  onClose(refocus: boolean): void;
}

/** Typing filters by name or code: "deu", "Deutsch" or "ger" all find German when the name matches. */
function matches(option: LanguageOption, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  return q === '' || option.code === q || option.label.toLocaleLowerCase().includes(q);
}

/**
 * The language button's searchable list, loaded on the first open (folded.tsx): recent
 * languages first, then every other; the search box takes the focus as it appears and
 * keeps it while arrows move through the list, Enter picks, Escape closes.
 */
export function LanguageList({ id, value, recent, onPick, onClose }: LanguageListProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const all = useMemo(() => languageOptions(uiLanguage(), { current: value }), [value]);
  /** The current language and recent ones, listed first (when nothing is typed, a line sets them apart). */
  const first = useMemo(
    () => [...new Set([value, ...recent])].flatMap((code) => all.filter((option) => option.code === code)),
    [all, recent, value],
  );
  const shown = [...first, ...all.filter((option) => !first.includes(option))].filter((option) => matches(option, query));
  const firstCount = query === '' ? first.length : 0;

  useLayoutEffect(() => search.current?.focus(), []);

  useLayoutEffect(() => {
    document.getElementById(`${id}-option-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function pick(option: LanguageOption | undefined) {
    if (!option) return;
    onClose(true);
    onPick(option.code);
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
        onClose(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div id={`${id}-dialog`} class="menu menu-end language-menu" role="dialog" aria-label={t('languageLabel')}>
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
  );
}
