import { displayNames, nameWith } from './language-name';

/**
 * Languages a post may be tagged with: ISO 639-1, plus the ISO 639-3 languages Mastodon
 * accepts (its `SUPPORTED_LOCALES`) that have no two-letter code.
 */
const CODES = [
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz',
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik',
  'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml',
  'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd',
  'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi',
  'vo wa wo xh yi yo za zh zu',
  'ast chr ckb cnr csb gsw jbo kab kmr ldn lfn moh nds pdc sco sma smj szl tok vai xal yue zba zgh',
]
  .join(' ')
  .split(' ');

export interface LanguageOption {
  code: string;
  /** In the UI's language; with autonyms also in the language itself: "German — Deutsch". */
  label: string;
}

/**
 * Every language with a name the browser knows, sorted for the UI's language; `current`
 * is kept even when unlisted, so a stored choice never silently changes. Autonyms cost a
 * DisplayNames object per language, too slow for the popup's first paint: the options
 * page asks for them, the composer does not.
 */
export function languageOptions(uiLanguage: string, options: { current?: string | null; autonyms?: boolean } = {}): LanguageOption[] {
  const { current, autonyms = false } = options;
  const names = displayNames(uiLanguage);
  const collator = new Intl.Collator(uiLanguage, { sensitivity: 'base' });
  const codes = current && !CODES.includes(current) ? [...CODES, current] : CODES;
  const listed = codes.flatMap((code) => {
    const name = nameWith(names, code) ?? (code === current ? code : undefined);
    if (!name) return [];
    const own = autonyms ? nameWith(displayNames(code), code) : undefined;
    return [{ code, label: own && collator.compare(own, name) !== 0 ? `${name} — ${own}` : name }];
  });
  // A few codes share a name (Twi is "Akan" in several locales): the code tells them apart.
  const seen = new Map<string, number>();
  for (const o of listed) seen.set(o.label, (seen.get(o.label) ?? 0) + 1);
  return listed
    .map((o) => (seen.get(o.label)! > 1 ? { ...o, label: `${o.label} (${o.code})` } : o))
    .sort((a, b) => collator.compare(a.label, b.label));
}
