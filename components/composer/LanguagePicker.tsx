import { useId, useRef, useState } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import { languageName } from '../language-name';
import { LanguageList } from './folded';
import { LanguageIcon } from './icons';
import { useDismissOutside } from './useDismiss';

export interface LanguagePickerProps {
  value: string;
  /** Languages of recent posts, latest first: listed before the rest. */
  recent: readonly string[];
  disabled?: boolean;
  onChange(language: string): void;
}

/**
 * The toolbar's language button (it shows the code, as Mastodon's does); its searchable
 * list (LanguageList) loads on the first open.
 */
export function LanguagePicker({ value, recent, disabled, onChange }: LanguagePickerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useDismissOutside(open, root, () => close(false));

  return (
    <div class="tool-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="tool"
        // The code shown on the button is part of its name: a person using speech input
        // says what they see ("EN"), and axe-core checks that (label-content-name-mismatch).
        aria-label={`${t('languageLabel')} ${value.toUpperCase()}`}
        title={`${t('languageLabel')}: ${languageName(uiLanguage(), value)}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? `${id}-dialog` : undefined}
        disabled={disabled}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <LanguageIcon />
        <span class="tool-text">{value.toUpperCase()}</span>
      </button>
      {open && <LanguageList id={id} value={value} recent={recent} onPick={onChange} onClose={close} />}
    </div>
  );
}
