import { useId, useState } from 'preact/hooks';
import type { EditChanges, EditForm } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { LanguagePicker } from './composer/LanguagePicker';
import './EditPostForm.css';

export interface EditPostFormProps {
  form: EditForm;
  saving: boolean;
  onSave(changes: EditChanges): void;
  onCancel(): void;
}

/**
 * A published post, changed in place: its text, content warning, sensitive flag, language
 * and (where the server takes them in an edit) the alt text of its media. Visibility,
 * media and polls stay as posted, as in Mastodon's own edit.
 */
export function EditPostForm({ form, saving, onSave, onCancel }: EditPostFormProps) {
  const id = useId();
  const [text, setText] = useState(form.text);
  const [spoilerText, setSpoilerText] = useState(form.spoilerText);
  const [sensitive, setSensitive] = useState(form.sensitive);
  const [language, setLanguage] = useState(form.language);
  const [descriptions, setDescriptions] = useState<Record<string, string>>(() => Object.fromEntries(form.media.map((m) => [m.id, m.description])));

  return (
    <form
      class="stack edit-post"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!saving) onSave({ text, spoilerText, sensitive, language, descriptions });
      }}
    >
      <h3 id={`${id}-title`}>{t('editTitle')}</h3>
      {/* Names of their own: the composer's fields are on the same page. */}
      <label for={`${id}-cw`}>{t('editSpoilerLabel')}</label>
      <input id={`${id}-cw`} value={spoilerText} disabled={saving} placeholder={t('contentWarningPlaceholder')} onInput={(e) => setSpoilerText(e.currentTarget.value)} />
      <label for={`${id}-text`}>{t('editTextLabel')}</label>
      <textarea id={`${id}-text`} rows={4} value={text} disabled={saving} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <LanguagePicker value={language ?? ''} recent={[]} disabled={saving} onChange={setLanguage} />
        {form.media.length > 0 && (
          <label>
            <input type="checkbox" checked={sensitive} disabled={saving} onChange={(e) => setSensitive(e.currentTarget.checked)} /> {t('sensitiveMedia')}
          </label>
        )}
      </div>
      {form.media.map((m, index) => {
        const name = t('editMediaName', String(index + 1));
        return (
          <div class="row media-edit" key={m.id}>
            {m.previewUrl && <img src={m.previewUrl} alt="" width={48} height={48} />}
            <label class="grow">
              {t('altTextLabel', name)}
              <textarea
                rows={2}
                value={descriptions[m.id] ?? ''}
                // The server keeps attached media as it is: the alt text is shown, not changed.
                readOnly={!form.altText}
                disabled={saving}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setDescriptions((all) => ({ ...all, [m.id]: value }));
                }}
              />
            </label>
          </div>
        );
      })}
      {form.media.length > 0 && !form.altText && <p class="hint">{t('editAltTextUnsupported')}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('editSaving') : t('editSaveButton')}
        </button>
        <button type="button" disabled={saving} onClick={onCancel}>
          {t('cancelButton')}
        </button>
      </div>
    </form>
  );
}
