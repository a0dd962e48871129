import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { InstanceField } from './InstanceField';

export interface ConnectFormProps {
  /** What the field starts with, e.g. the input of a failed attempt (kept so it can be fixed). */
  initialValue?: string;
  /** A connect is under way: the form is shown but cannot be sent again. */
  running: boolean;
  onSubmit(input: string): void;
  /** "Create an account" next to Connect, handed what the field holds. */
  onSignUp?(input: string): void;
}

export function ConnectForm({ initialValue = '', running, onSubmit, onSignUp }: ConnectFormProps) {
  const [value, setValue] = useState(initialValue);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();

  // Focus on open and again when a run ends: a disabled field drops focus, and after a
  // failure the person's next move is to fix what they typed.
  // A layout effect, so the field has focus in the first frame shown.
  useLayoutEffect(() => {
    if (!running) inputRef.current?.focus();
  }, [running]);

  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) onSubmit(value.trim());
      }}
    >
      <InstanceField
        id={`${id}-instance`}
        inputRef={inputRef}
        value={value}
        disabled={running}
        hint={t('connectInstanceHint')}
        onInput={setValue}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={running}>
          {t('connectButton')}
        </button>
        {onSignUp && (
          <button type="button" disabled={running} onClick={() => onSignUp(value.trim())}>
            {t('signUpButton')}
          </button>
        )}
      </div>
    </form>
  );
}
