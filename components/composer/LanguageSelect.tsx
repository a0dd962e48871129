import { useId, useMemo } from 'preact/hooks';
import { t } from '@/utils/i18n';

/** ISO 639-1, every code Mastodon accepts as a post's language. */
const CODES = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es ' +
  'et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki ' +
  'kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no ' +
  'nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te ' +
  'tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** `en-US` → `en`: posts are tagged with the language alone. */
export function baseLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** Each code named in the browser's language, sorted by that name; `current` kept even if unlisted. */
function languageOptions(current: string) {
  const uiLanguage = browser.i18n.getUILanguage();
  const names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' });
  const codes = CODES.includes(current) ? CODES : [...CODES, current];
  const collator = new Intl.Collator(uiLanguage);
  return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}

export interface LanguageSelectProps {
  value: string;
  onChange(language: string): void;
}

export function LanguageSelect({ value, onChange }: LanguageSelectProps) {
  const id = useId();
  const options = useMemo(() => languageOptions(value), [value]);
  return (
    <div class="field">
      <label for={id}>{t('languageLabel')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
