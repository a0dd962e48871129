import type { RefObject } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { tokenAt } from '@/lib/composer/autocomplete';
import type { Requests } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { Suggestions } from './folded';
import type { SuggestionsLink } from './Suggestions';

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

export function PostText({ value, invalid, counterId, textareaRef, readOnly, backend, accountId, onInput, onBlur, onPasteFiles }: PostTextProps) {
  const id = useId();
  /** The autocomplete list, once its code is loaded: the first word to complete brings it. */
  const complete = useRef<SuggestionsLink['handle']['current']>(null);
  const [wanted, setWanted] = useState(false);
  const [shown, setShown] = useState({ listed: false, active: 0 });

  /** Reads the word at the caret again (after typing, a click, an arrow key). */
  function update() {
    if (complete.current) return complete.current.update();
    const el = textareaRef.current;
    if (el && el.selectionStart === el.selectionEnd && tokenAt(el.value, el.selectionStart)) setWanted(true);
  }

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
        aria-controls={shown.listed ? `${id}-suggestions` : undefined}
        aria-activedescendant={shown.listed ? `${id}-suggestion-${shown.active}` : undefined}
        value={value}
        readOnly={readOnly}
        onInput={(event) => {
          onInput(event.currentTarget.value);
          update();
        }}
        onKeyDown={(event) => {
          if (!complete.current?.onKeyDown(event)) return;
          event.preventDefault();
          // Escape closed the list: nothing else (a window, the draft) closes with it.
          event.stopPropagation();
        }}
        onKeyUp={(event) => {
          if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) update();
        }}
        onClick={update}
        onBlur={() => {
          complete.current?.close();
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
      {wanted && <Suggestions id={id} backend={backend} accountId={accountId} field={textareaRef} onInput={onInput} handle={complete} onShown={setShown} />}
    </div>
  );
}
