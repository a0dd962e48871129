import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface ContentWarningProps {
  text: string;
  /** The person just turned the warning on: type it now. A warning restored with the draft leaves the focus alone. */
  focusOnShow: boolean;
  onInput(text: string): void;
  onBlur(): void;
}

/** The warning's text, above the post as Mastodon shows it; the toolbar's toggle shows and hides it. */
export function ContentWarning({ text, focusOnShow, onInput, onBlur }: ContentWarningProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);

  // A layout effect: it runs as the field appears, so no later render can come first.
  useLayoutEffect(() => {
    if (focusOnShow) field.current?.focus();
  }, []);

  return (
    <div class="content-warning">
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
    </div>
  );
}
