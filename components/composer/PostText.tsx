import type { RefObject } from 'preact';
import { useId } from 'preact/hooks';
import type { Suggestion } from '@/lib/composer/autocomplete';
import type { Requests } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { useAutocomplete } from './useAutocomplete';

export interface PostTextProps {
  value: string;
  /** Over the instance's limit. */
  invalid: boolean;
  /** The counter beside Post, which describes the text box. */
  counterId: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  readOnly: boolean;
  /** Asked for suggestions as the person types `@`, `#` or `:`. */
  backend: Requests<'suggest'>;
  accountId: string | null;
  onInput(text: string): void;
  onBlur(): void;
  /** Files pasted into the text box (images copied from a page or a screenshot). */
  onPasteFiles(files: File[]): void;
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

export function PostText({ value, invalid, counterId, textareaRef, readOnly, backend, accountId, onInput, onBlur, onPasteFiles }: PostTextProps) {
  const id = useId();
  const complete = useAutocomplete(backend, accountId, textareaRef, onInput);
  const listed = complete.token !== null && complete.suggestions.length > 0;
  return (
    <div class="post-text">
      <label for={`${id}-text`} class="visually-hidden">
        {t('postTextLabel')}
      </label>
      <textarea
        ref={textareaRef}
        id={`${id}-text`}
        rows={4}
        placeholder={t('postTextPlaceholder')}
        aria-describedby={counterId}
        aria-invalid={invalid}
        aria-autocomplete="list"
        aria-controls={listed ? `${id}-suggestions` : undefined}
        aria-activedescendant={listed ? `${id}-suggestion-${complete.active}` : undefined}
        value={value}
        readOnly={readOnly}
        onInput={(event) => {
          onInput(event.currentTarget.value);
          complete.update();
        }}
        onKeyDown={(event) => {
          if (!complete.onKeyDown(event)) return;
          event.preventDefault();
          // Escape closed the list: nothing else (a window, the draft) closes with it.
          event.stopPropagation();
        }}
        onKeyUp={(event) => {
          if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) complete.update();
        }}
        onClick={complete.update}
        onBlur={() => {
          complete.close();
          onBlur();
        }}
        onPaste={(event) => {
          const files = [...(event.clipboardData?.files ?? [])];
          if (files.length === 0) return;
          // The files become attachments; pasting their names or a bitmap as text would not help.
          event.preventDefault();
          onPasteFiles(files);
        }}
      />
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
    </div>
  );
}
