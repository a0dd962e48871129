import { useId, useState } from 'preact/hooks';
import type { Requests, SetAsideNote } from '@/lib/messages';
import { t } from '@/utils/i18n';
import './SetAsideNotes.css';

export type SetAsideNotesBackend = Requests<'listSetAside' | 'dismissSetAside'>;

export interface SetAsideNotesProps {
  backend: SetAsideNotesBackend;
  /** The notes as the background listed them (useListed). */
  notes: SetAsideNote[];
}

function sentence(note: SetAsideNote): string {
  switch (note.item) {
    case 'drafts':
      if (note.whole) return t('setAsideDrafts');
      return note.text === null ? t('setAsideDraftEmpty') : t('setAsideDraft');
    case 'accounts':
      if (note.whole) return t('setAsideAccounts');
      return note.label === null ? t('setAsideAccountUnnamed') : t('setAsideAccount', note.label);
    case 'registrations':
      if (note.whole) return t('setAsideRegistrations');
      return note.label === null ? t('setAsideRegistrationUnnamed') : t('setAsideRegistration', note.label);
  }
}

/**
 * Stored data that could not be read was set aside by the background (the surface still
 * opened); this says what, and gives back a draft's words to copy. Each note stays until
 * the person dismisses it.
 */
export function SetAsideNotes({ backend, notes: listed }: SetAsideNotesProps) {
  const id = useId();
  const [notes, setNotes] = useState(listed);
  const [copied, setCopied] = useState<string | null>(null);

  function dismiss(noteId: string) {
    setNotes((list) => list.filter((note) => note.id !== noteId));
    // If this fails the note merely shows again next time.
    backend.dismissSetAside({ id: noteId }).catch(() => {});
  }

  if (notes.length === 0) return null;
  return (
    <section class="notice set-aside" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('setAsideTitle')}</h2>
      <ul class="plain stack">
        {notes.map((note, index) => {
          const text = sentence(note);
          return (
            <li key={note.id}>
              <p>{text}</p>
              {note.text !== null && (
                <>
                  <label for={`${id}-${index}`}>{t('setAsideTextLabel')}</label>
                  <textarea id={`${id}-${index}`} readOnly rows={4} value={note.text} />
                </>
              )}
              <div class="actions">
                {note.text !== null && (
                  <button
                    type="button"
                    onClick={() => {
                      navigator.clipboard.writeText(note.text ?? '').then(
                        () => setCopied(note.id),
                        () => {},
                      );
                    }}
                  >
                    {t('copyTextButton')}
                  </button>
                )}
                <button type="button" aria-label={t('dismissSetAsideLabel', text)} onClick={() => dismiss(note.id)}>
                  {t('dismissButton')}
                </button>
                {copied === note.id && <span role="status">{t('copiedText')}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
