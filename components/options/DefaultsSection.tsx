import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { COUNTER_STYLES, DEFAULT_SETTINGS, type CounterStyle, type Settings } from '@/lib/settings';
import { CREDIT_MODES, type CreditMode } from '@/lib/share/credit';
import { PLACEHOLDERS, shareText, type Placeholder, type ShareContext } from '@/lib/share/template';
import type { AccountView } from '@/lib/messages';
import { t, uiLanguage, type MessageKey } from '@/utils/i18n';
import { languageOptions } from '../languages';
import { VisibilitySelect } from '../VisibilitySelect';

export interface DefaultsSectionProps {
  settings: Settings;
  onSave(settings: Settings): Promise<void>;
  /** Connected accounts, for the default group (cross-posting). */
  accounts?: AccountView[];
  defaultAccountId?: string | null;
}

/** Typing is saved once it pauses; leaving the field saves at once. */
export const TEMPLATE_SAVE_DELAY_MS = 400;

const PLACEHOLDER_HELP: Record<Placeholder, MessageKey> = {
  title: 'optionsPlaceholderTitle',
  url: 'optionsPlaceholderUrl',
  selection: 'optionsPlaceholderSelection',
  author: 'optionsPlaceholderAuthor',
};

const COUNTER_LABELS: Record<CounterStyle, MessageKey> = {
  remaining: 'optionsCounterRemaining',
  used: 'optionsCounterUsed',
};

/** How long a post offers Undo, in seconds (Settings.undoSeconds); 0 turns it off. */
const UNDO_CHOICES = [0, 10, 30, 60, 120, 300];
const CREDIT_LABELS: Record<CreditMode, MessageKey> = {
  text: 'optionsAuthorCreditText',
  mention: 'optionsAuthorCreditMention',
  off: 'optionsAuthorCreditOff',
};

/** "Account's default" is stored as null; a select's value is a string. */
const ACCOUNT_DEFAULT = '';

type SaveState = 'idle' | 'saved' | 'failed';

export function DefaultsSection({ settings: initial, onSave, accounts = [], defaultAccountId = null }: DefaultsSectionProps) {
  const id = useId();
  const [settings, setSettings] = useState(initial);
  /** The template as typed: the preview follows it at once, storage once typing pauses. */
  const [template, setTemplate] = useState(initial.shareTemplate);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Only the latest save may report: an older one can finish after it. */
  const lastSave = useRef(0);
  const languages = useMemo(() => languageOptions(uiLanguage(), { autonyms: true }), []);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function save(next: Settings) {
    clearTimeout(timer.current);
    setSettings(next);
    const mine = ++lastSave.current;
    // Emptied first, so that a second "Saved" is announced again.
    setSaveState('idle');
    try {
      await onSave(next);
      if (mine === lastSave.current) setSaveState('saved');
    } catch {
      if (mine === lastSave.current) setSaveState('failed');
    }
  }

  /** An empty template would make every share an empty post: it is never saved. */
  const templateEmpty = template.trim() === '';

  /** Any other change saves the template as typed too, so a pending save is not lost. */
  const change = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    save({ ...settings, shareTemplate: templateEmpty ? settings.shareTemplate : template, [key]: value });

  function typeTemplate(value: string) {
    setTemplate(value);
    clearTimeout(timer.current);
    if (value.trim() !== '') timer.current = setTimeout(() => save({ ...settings, shareTemplate: value }), TEMPLATE_SAVE_DELAY_MS);
  }

  function flushTemplate() {
    if (!templateEmpty && template !== settings.shareTemplate) void save({ ...settings, shareTemplate: template });
  }

  const previewSettings = { shareTemplate: template, stripTracking: settings.stripTracking, authorCredit: settings.authorCredit };
  const samplePage: ShareContext = {
    kind: 'page',
    pageTitle: t('optionsPreviewSampleTitle'),
    // Tracking parameters show what "Strip tracking parameters" does.
    pageUrl: 'https://example.com/sourdough?utm_source=newsletter&utm_medium=email',
  };
  const sampleSelection: ShareContext = { ...samplePage, kind: 'selection', selectionText: t('optionsPreviewSampleSelection') };
  const languageKnown = settings.defaultLanguage === null || languages.some((l) => l.code === settings.defaultLanguage);

  return (
    <section aria-labelledby={`${id}-title`} class="defaults">
      <h2 id={`${id}-title`}>{t('optionsDefaultsTitle')}</h2>

      <div class="field">
        <label for={`${id}-template`}>{t('optionsTemplateLabel')}</label>
        <p id={`${id}-template-hint`} class="hint">
          {t('optionsTemplateHint')}
        </p>
        <textarea
          id={`${id}-template`}
          rows={5}
          value={template}
          aria-describedby={`${id}-template-hint ${id}-placeholders${templateEmpty ? ` ${id}-template-error` : ''}`}
          aria-invalid={templateEmpty}
          onInput={(event) => typeTemplate(event.currentTarget.value)}
          onBlur={flushTemplate}
        />
        {templateEmpty && (
          <p id={`${id}-template-error`} class="field-error">
            {t('optionsTemplateEmpty')}
          </p>
        )}
        <div>
          <h3 id={`${id}-placeholders-title`}>{t('optionsPlaceholdersTitle')}</h3>
          <ul id={`${id}-placeholders`} class="placeholders" aria-labelledby={`${id}-placeholders-title`}>
            {PLACEHOLDERS.map((name) => (
              <li key={name}>
                <code>{`{${name}}`}</code> {t(PLACEHOLDER_HELP[name])}
              </li>
            ))}
          </ul>
        </div>
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setTemplate(DEFAULT_SETTINGS.shareTemplate);
              void save({ ...settings, shareTemplate: DEFAULT_SETTINGS.shareTemplate });
            }}
          >
            {t('optionsTemplateReset')}
          </button>
        </div>
        <h3>{t('optionsPreviewTitle')}</h3>
        <div class="previews">
          {[
            { key: 'selection', caption: t('optionsPreviewSelection'), context: sampleSelection },
            { key: 'page', caption: t('optionsPreviewPage'), context: samplePage },
          ].map(({ key, caption, context }) => (
            <figure key={key} class="preview" aria-labelledby={`${id}-preview-${key}`}>
              <figcaption id={`${id}-preview-${key}`}>{caption}</figcaption>
              <pre>{shareText(context, previewSettings)}</pre>
            </figure>
          ))}
        </div>
      </div>

      <p id={`${id}-account-hint`} class="hint">
        {t('optionsAccountDefaultsHint')}
      </p>
      <VisibilitySelect
        label={t('optionsVisibilityLabel')}
        unsetLabel={t('optionsVisibilityAccount')}
        describedBy={`${id}-account-hint`}
        value={settings.defaultVisibility}
        onChange={(visibility) => change('defaultVisibility', visibility)}
      />
      <div class="field">
        <label for={`${id}-language`}>{t('optionsLanguageLabel')}</label>
        <select
          id={`${id}-language`}
          aria-describedby={`${id}-account-hint`}
          value={settings.defaultLanguage ?? ACCOUNT_DEFAULT}
          onChange={(event) => change('defaultLanguage', event.currentTarget.value || null)}
        >
          <option value={ACCOUNT_DEFAULT}>{t('optionsLanguageAccount')}</option>
          {/* A code this browser has no name for is still the person's choice. */}
          {!languageKnown && <option value={settings.defaultLanguage!}>{settings.defaultLanguage}</option>}
          {languages.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.label}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-server-hint`} class="hint">
        {t('optionsServerDefaultsHint')}
      </p>
      <div class="field checkbox">
        <input
          type="checkbox"
          id={`${id}-local-only`}
          aria-describedby={`${id}-server-hint`}
          checked={settings.defaultLocalOnly}
          onChange={(event) => change('defaultLocalOnly', event.currentTarget.checked)}
        />
        <label for={`${id}-local-only`}>{t('optionsLocalOnlyLabel')}</label>
      </div>
      <div class="field">
        <label for={`${id}-format`}>{t('optionsFormatLabel')}</label>
        <select
          id={`${id}-format`}
          aria-describedby={`${id}-server-hint`}
          value={settings.defaultFormat ?? ''}
          onChange={(event) => change('defaultFormat', (event.currentTarget.value || null) as Settings['defaultFormat'])}
        >
          <option value="">{t('formatPlain')}</option>
          <option value="text/markdown">{t('formatMarkdown')}</option>
        </select>
      </div>
      <div class="field checkbox">
        <input
          type="checkbox"
          id={`${id}-strip`}
          aria-describedby={`${id}-strip-hint`}
          checked={settings.stripTracking}
          onChange={(event) => change('stripTracking', event.currentTarget.checked)}
        />
        <label for={`${id}-strip`}>{t('optionsStripTrackingLabel')}</label>
        <p id={`${id}-strip-hint`} class="hint">
          {t('optionsStripTrackingHint')}
        </p>
      </div>
      <div class="field checkbox">
        <input
          type="checkbox"
          id={`${id}-alt`}
          aria-describedby={`${id}-alt-hint`}
          checked={settings.altTextReminder}
          onChange={(event) => change('altTextReminder', event.currentTarget.checked)}
        />
        <label for={`${id}-alt`}>{t('optionsAltTextReminderLabel')}</label>
        <p id={`${id}-alt-hint`} class="hint">
          {t('optionsAltTextReminderHint')}
        </p>
      </div>
      {accounts.length > 1 && (
        <fieldset class="field" aria-describedby={`${id}-crosspost-hint`}>
          <legend>{t('optionsCrosspostLegend')}</legend>
          <p id={`${id}-crosspost-hint`} class="hint">
            {t('optionsCrosspostHint')}
          </p>
          {accounts
            .filter((account) => account.id !== defaultAccountId)
            .map((account) => (
              <label key={account.id} class="choice">
                <input
                  type="checkbox"
                  checked={settings.crosspostDefault.includes(account.id)}
                  onChange={(event) =>
                    change(
                      'crosspostDefault',
                      event.currentTarget.checked
                        ? [...settings.crosspostDefault, account.id]
                        : settings.crosspostDefault.filter((other) => other !== account.id),
                    )
                  }
                />
                @{account.id}
              </label>
            ))}
        </fieldset>
      )}
      <fieldset class="field" aria-describedby={`${id}-credit-hint`}>
        <legend>{t('optionsAuthorCreditLabel')}</legend>
        {CREDIT_MODES.map((mode) => (
          <label key={mode} class="choice">
            <input
              type="radio"
              name={`${id}-credit`}
              value={mode}
              checked={settings.authorCredit === mode}
              onChange={() => change('authorCredit', mode)}
            />
            {t(CREDIT_LABELS[mode])}
          </label>
        ))}
        <p id={`${id}-credit-hint`} class="hint">
          {t('optionsAuthorCreditHint')}
        </p>
      </fieldset>
      <fieldset class="field">
        <legend>{t('optionsCounterLegend')}</legend>
        {COUNTER_STYLES.map((style) => (
          <label key={style} class="choice">
            <input
              type="radio"
              name={`${id}-counter`}
              value={style}
              checked={settings.counterStyle === style}
              onChange={() => change('counterStyle', style)}
            />
            {t(COUNTER_LABELS[style])}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${id}-undo`}>{t('optionsUndoLabel')}</label>
        <select id={`${id}-undo`} value={String(settings.undoSeconds)} onChange={(e) => change('undoSeconds', Number(e.currentTarget.value))}>
          {/* A stored value that is not among the choices (another version's) still shows. */}
          {[...new Set([...UNDO_CHOICES, settings.undoSeconds])].map((seconds) => (
            <option key={seconds} value={String(seconds)}>
              {seconds === 0 ? t('optionsUndoOff') : t('optionsUndoSeconds', String(seconds))}
            </option>
          ))}
        </select>
      </div>

      <p role="status" class="saved">
        {saveState === 'saved' && t('optionsSaved')}
      </p>
      <div role="alert">{saveState === 'failed' && <p class="error">{t('optionsSaveFailed')}</p>}</div>
    </section>
  );
}
