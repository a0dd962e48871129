import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface ContentWarningProps {
  enabled: boolean;
  text: string;
  onToggle(enabled: boolean): void;
  onInput(text: string): void;
  onBlur(): void;
}

export function ContentWarning({ enabled, text, onToggle, onInput, onBlur }: ContentWarningProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  /** Set by the checkbox: a warning restored with the draft must not steal the focus. */
  const justEnabled = useRef(false);

  // A layout effect: it runs as the field appears, so no later render can come first.
  useLayoutEffect(() => {
    if (enabled && justEnabled.current) field.current?.focus();
    justEnabled.current = false;
  }, [enabled]);

  return (
    <div class="content-warning">
      <label class="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            justEnabled.current = event.currentTarget.checked;
            onToggle(event.currentTarget.checked);
          }}
        />
        {t('contentWarningToggle')}
      </label>
      {enabled && (
        <>
          <label for={`${id}-text`} class="visually-hidden">
            {t('contentWarningTextLabel')}
          </label>
          <input
            ref={field}
            id={`${id}-text`}
            type="text"
            placeholder={t('contentWarningPlaceholder')}
            value={text}
            onInput={(event) => onInput(event.currentTarget.value)}
            onBlur={onBlur}
          />
        </>
      )}
    </div>
  );
}
