import type { TargetedInputEvent } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { hostOf } from './format';
import './ManualCredentialsForm.css';

export interface ManualCredentialsFormProps {
  /** The instance that refused to register Fedipost. */
  origin: string;
  /** What the app must be given on the instance, from AppState. */
  redirectUri: string;
  scopes: string;
  running: boolean;
  onSubmit(credentials: { clientId: string; clientSecret: string }): void;
}

type Field = 'clientId' | 'clientSecret';

const PROBLEM_TEXT: Record<Field, { missing: MessageKey; spaces: MessageKey }> = {
  clientId: { missing: 'manualClientKeyMissing', spaces: 'manualClientKeySpaces' },
  clientSecret: { missing: 'manualClientSecretMissing', spaces: 'manualClientSecretSpaces' },
};

function problemOf(field: Field, value: string): MessageKey | null {
  if (value === '') return PROBLEM_TEXT[field].missing;
  // Keys and secrets are single tokens; a space inside means a bad copy (two values, a label).
  if (/\s/.test(value)) return PROBLEM_TEXT[field].spaces;
  return null;
}

/** Selecting the whole value on focus makes a read-only field one click from copied. */
function selectAll(event: FocusEvent) {
  (event.currentTarget as HTMLInputElement).select();
}

export function ManualCredentialsForm({ origin, redirectUri, scopes, running, onSubmit }: ManualCredentialsFormProps) {
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ clientId: '', clientSecret: '' });
  const [problems, setProblems] = useState<Record<Field, MessageKey | null>>({ clientId: null, clientSecret: null });
  const inputs = { clientId: useRef<HTMLInputElement>(null), clientSecret: useRef<HTMLInputElement>(null) };

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (running) return;
    const trimmed = { clientId: values.clientId.trim(), clientSecret: values.clientSecret.trim() };
    const found = { clientId: problemOf('clientId', trimmed.clientId), clientSecret: problemOf('clientSecret', trimmed.clientSecret) };
    setProblems(found);
    const firstBad = (['clientId', 'clientSecret'] as const).find((field) => found[field]);
    if (firstBad) inputs[firstBad].current?.focus();
    else onSubmit(trimmed);
  }

  function field(name: Field, label: MessageKey, secret: boolean) {
    const problem = problems[name];
    const attributes = {
      ref: inputs[name],
      id: `${id}-${name}`,
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: false,
      value: values[name],
      disabled: running,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-${name}-problem` : undefined,
      onInput: (event: TargetedInputEvent<HTMLInputElement>) => setValues({ ...values, [name]: event.currentTarget.value }),
    } as const;
    return (
      <>
        <label for={`${id}-${name}`}>{t(label)}</label>
        {/* Two literal elements: Preact's input typings are keyed by `type`. */}
        {secret ? <input type="password" {...attributes} /> : <input type="text" {...attributes} />}
        {problem && (
          <p id={`${id}-${name}-problem`} class="field-error">
            {t(problem)}
          </p>
        )}
      </>
    );
  }

  return (
    <section class="manual" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('manualTitle')}</h2>
      <p>{t('manualIntro', hostOf(origin))}</p>
      <ol class="steps">
        <li>
          <a href={`${origin}/settings/applications/new`} target="_blank" rel="noopener noreferrer">
            {t('manualOpenDevelopment', hostOf(origin))}
          </a>
        </li>
        <li>{t('manualEnterValues')}</li>
        <li>{t('manualCopyBack')}</li>
      </ol>
      <div class="stack">
        <label for={`${id}-redirect`}>{t('manualRedirectUriLabel')}</label>
        <input id={`${id}-redirect`} type="text" readOnly value={redirectUri} onFocus={selectAll} />
        <label for={`${id}-scopes`}>{t('manualScopesLabel')}</label>
        <input id={`${id}-scopes`} type="text" readOnly value={scopes} onFocus={selectAll} />
      </div>
      <form class="stack" onSubmit={submit}>
        {field('clientId', 'manualClientKeyLabel', false)}
        {field('clientSecret', 'manualClientSecretLabel', true)}
        <button type="submit" class="primary" disabled={running}>
          {t('manualSubmit')}
        </button>
      </form>
    </section>
  );
}
