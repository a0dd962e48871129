import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import type { Suggestion } from '@/lib/composer/autocomplete';
import type { Requests } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { useAutocomplete, type Autocomplete } from './useAutocomplete';
import './menu.css';
import './Suggestions.css';

/** What the text box hands on to the list and shows of it (its ARIA attributes). */
export interface SuggestionsLink {
  /** Set by the list once loaded: the text box passes its caret moves and keys on. */
  handle: { current: Pick<Autocomplete, 'update' | 'onKeyDown' | 'close'> | null };
  /** The list's state, for the text box's `aria-controls` and `aria-activedescendant`. */
  onShown(shown: { listed: boolean; active: number }): void;
}

export interface SuggestionsProps extends SuggestionsLink {
  /** The text box's id base: the list is `${id}-suggestions`. */
  id: string;
  backend: Requests<'suggest'>;
  accountId: string | null;
  field: RefObject<HTMLTextAreaElement | null>;
  onInput(text: string): void;
}

/** One suggestion: text and a picture, never the server's HTML. */
function SuggestionContent({ suggestion }: { suggestion: Suggestion }) {
  switch (suggestion.kind) {
    case 'account':
      return (
        <>
          <img src={suggestion.avatar} alt="" width={24} height={24} class="suggestion-image" />
          <span class="suggestion-text">
            <span class="display-name">{suggestion.displayName || suggestion.acct}</span> <span class="handle">@{suggestion.acct}</span>
          </span>
        </>
      );
    case 'hashtag':
      return <span class="suggestion-text">#{suggestion.name}</span>;
    case 'emoji':
      return (
        <>
          <img src={suggestion.url} alt="" width={24} height={24} class="suggestion-image" />
          <span class="suggestion-text">:{suggestion.shortcode}:</span>
        </>
      );
  }
}

const keyOf = (s: Suggestion) => (s.kind === 'account' ? s.acct : s.kind === 'hashtag' ? s.name : s.shortcode);

/**
 * The autocomplete list under the text box, loaded on the first `@`, `#` or `:` typed
 * (folded.tsx); from then on it reads every caret move. It never holds typing up: the
 * text box takes each key itself, and the list only follows.
 */
export function Suggestions({ id, backend, accountId, field, onInput, handle, onShown }: SuggestionsProps) {
  const complete = useAutocomplete(backend, accountId, field, onInput);
  handle.current = complete;
  const listed = complete.token !== null && complete.suggestions.length > 0;

  // The word that made it load may have grown meanwhile: it is read where the caret is now.
  useLayoutEffect(() => {
    complete.update();
    return () => {
      handle.current = null;
    };
  }, []);
  useLayoutEffect(() => onShown({ listed, active: complete.active }), [listed, complete.active]);

  return (
    <>
      {listed && (
        <ul id={`${id}-suggestions`} role="listbox" aria-label={t('suggestionsLabel')} class="menu suggestions">
          {complete.suggestions.map((suggestion, index) => (
            <li
              key={keyOf(suggestion)}
              id={`${id}-suggestion-${index}`}
              role="option"
              aria-selected={index === complete.active}
              class="option"
              // Keeps the focus (and caret) in the text box: a click picks, it doesn't blur.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => complete.choose(index)}
            >
              <SuggestionContent suggestion={suggestion} />
            </li>
          ))}
        </ul>
      )}
      {complete.token && complete.needsScope && (
        <p role="status" class="hint suggestions-note">
          {t('suggestionsNeedScope')}
        </p>
      )}
    </>
  );
}
