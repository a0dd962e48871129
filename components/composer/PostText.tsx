import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import type { CounterStyle } from '@/lib/settings';
import { t } from '@/utils/i18n';
import { CharacterCounter } from './CharacterCounter';

export interface PostTextProps {
  value: string;
  remaining: number;
  max: number;
  counterStyle: CounterStyle;
  textareaRef: Ref<HTMLTextAreaElement>;
  readOnly: boolean;
  onInput(text: string): void;
  onBlur(): void;
  /** Files pasted into the text box (images copied from a page or a screenshot). */
  onPasteFiles(files: File[]): void;
}

export function PostText({ value, remaining, max, counterStyle, textareaRef, readOnly, onInput, onBlur, onPasteFiles }: PostTextProps) {
  const id = useId();
  return (
    <div class="post-text">
      <label for={`${id}-text`} class="visually-hidden">
        {t('postTextLabel')}
      </label>
      <textarea
        ref={textareaRef}
        id={`${id}-text`}
        rows={6}
        placeholder={t('postTextPlaceholder')}
        aria-describedby={`${id}-counter`}
        aria-invalid={remaining < 0}
        value={value}
        readOnly={readOnly}
        onInput={(event) => onInput(event.currentTarget.value)}
        onBlur={onBlur}
        onPaste={(event) => {
          const files = [...(event.clipboardData?.files ?? [])];
          if (files.length === 0) return;
          // The files become attachments; pasting their names or a bitmap as text would not help.
          event.preventDefault();
          onPasteFiles(files);
        }}
      />
      <CharacterCounter id={`${id}-counter`} remaining={remaining} max={max} style={counterStyle} />
    </div>
  );
}
