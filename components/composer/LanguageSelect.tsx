import { useId, useMemo } from 'preact/hooks';
import { t, uiLanguage } from '@/utils/i18n';
import { languageOptions } from '../languages';

export interface LanguageSelectProps {
  value: string;
  onChange(language: string): void;
}

export function LanguageSelect({ value, onChange }: LanguageSelectProps) {
  const id = useId();
  const options = useMemo(() => languageOptions(uiLanguage(), { current: value }), [value]);
  return (
    <div class="field">
      <label for={id}>{t('languageLabel')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(({ code, label }) => (
          <option key={code} value={code}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
