import { useId, useState } from 'preact/hooks';
import { parseInstanceInput } from '@/lib/instance-input';
import type { ConnectError, ManualCredentials } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { ConnectErrorMessage } from '../ConnectErrorMessage';
import { ManualCredentialsForm } from '../ManualCredentialsForm';

export interface ManualRegistrationSectionProps {
  redirectUri: string;
  scopes: string;
  onSave(credentials: ManualCredentials): Promise<{ ok: true } | { ok: false; error: ConnectError }>;
}

type Outcome = { ok: true; host: string } | { ok: false; error: ConnectError; input: string } | null;

/**
 * App credentials made by hand, for an instance that won't let Fedipost register
 * itself: checked by the background, then used by the next connect like a cached app.
 */
export function ManualRegistrationSection({ redirectUri, scopes, onSave }: ManualRegistrationSectionProps) {
  const id = useId();
  const [input, setInput] = useState('');
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const parsed = input.trim() === '' ? null : parseInstanceInput(input);

  async function save(credentials: { clientId: string; clientSecret: string }) {
    setRunning(true);
    setOutcome(null);
    try {
      const result = await onSave({ input, ...credentials });
      setOutcome(result.ok ? { ok: true, host: parsed?.ok ? parsed.host : input } : { ok: false, error: result.error, input });
    } finally {
      setRunning(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsManualTitle')}</h2>
      <p>{t('optionsManualIntro')}</p>
      <label for={`${id}-instance`}>{t('optionsManualInstanceLabel')}</label>
      <input
        id={`${id}-instance`}
        type="text"
        value={input}
        placeholder={t('connectInstancePlaceholder')}
        autocomplete="off"
        spellcheck={false}
        disabled={running}
        onInput={(event) => {
          setInput(event.currentTarget.value);
          setOutcome(null);
        }}
      />
      {parsed && !parsed.ok && <ConnectErrorMessage error={{ code: 'invalid-input', detail: parsed.problem }} input={input} />}
      {parsed?.ok && (
        <ManualCredentialsForm key={parsed.origin} origin={parsed.origin} redirectUri={redirectUri} scopes={scopes} running={running} onSubmit={save} />
      )}
      {outcome?.ok && <p role="status">{t('optionsManualSaved', outcome.host)}</p>}
      {outcome && !outcome.ok && <ConnectErrorMessage error={outcome.error} input={outcome.input} />}
    </section>
  );
}
