import type { Ref } from 'preact';
import { t } from '@/utils/i18n';

export interface InstanceFieldProps {
  /** The `id` of the input; its hint is `${id}-hint`. */
  id: string;
  value: string;
  disabled: boolean;
  /** What the line under the field says (connecting and signing up explain it differently). */
  hint: string;
  inputRef?: Ref<HTMLInputElement>;
  onInput(value: string): void;
}

/**
 * The server-address field of the connect and sign-up forms: one set of input hints
 * (a URL-like keyboard, no capitals, no spelling marks, the browser's remembered servers)
 * so the two forms can't drift apart.
 */
export function InstanceField({ id, value, disabled, hint, inputRef, onInput }: InstanceFieldProps) {
  return (
    <>
      <label for={id}>{t('connectInstanceLabel')}</label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        inputMode="url"
        autocomplete="url"
        autocapitalize="off"
        spellcheck={false}
        placeholder={t('connectInstancePlaceholder')}
        aria-describedby={`${id}-hint`}
        value={value}
        disabled={disabled}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
    </>
  );
}
