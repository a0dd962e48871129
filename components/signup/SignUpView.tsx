import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Requests, SignUpDraft, SignUpError, SignUpFieldName, SignUpInfo, WaitingAccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { InstanceField } from '../InstanceField';
import { fieldErrorText, signUpErrorText } from './messages';
import './SignUpView.css';

/** What the sign-up view asks of the background. */
export type SignUpBackend = Requests<'checkSignUp' | 'signUp' | 'getSignUpDraft' | 'saveSignUpDraft'>;

export interface SignUpViewProps {
  backend: SignUpBackend;
  /** What the connect field held: the server the person was about to connect to. */
  initialInput: string;
  onWaiting(waiting: WaitingAccountView): void;
  onConnected(accountId: string): void;
  /** "Connect instead": the person has (or now made) an account there. */
  onConnect(input: string): void;
  onCancel(): void;
}

type FieldErrors = Extract<SignUpError, { code: 'invalid' }>['fields'];

const emptyDraft = (input: string): SignUpDraft => ({ input, username: '', email: '', dateOfBirth: '', reason: '', agreed: false });

/**
 * Creating an account on an instance: which server, what it says about joining, its
 * rules and terms, then the form. Everything typed but the password is saved as it is
 * typed (the popup closes whenever the person looks at their mail).
 */
export function SignUpView({ backend, initialInput, onWaiting, onConnected, onConnect, onCancel }: SignUpViewProps) {
  const id = useId();
  const [draft, setDraft] = useState<SignUpDraft | null>(null);
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [info, setInfo] = useState<SignUpInfo | null>(null);
  const [busy, setBusy] = useState<'checking' | 'submitting' | null>(null);
  const [error, setError] = useState<SignUpError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  async function check(input: string) {
    setBusy('checking');
    setError(null);
    try {
      const result = await backend.checkSignUp({ input });
      if (result.ok) setInfo(result.info);
      else setError(result.error);
    } catch {
      setError({ code: 'unexpected-response' });
    } finally {
      setBusy(null);
    }
  }

  useEffect(() => {
    backend.getSignUpDraft().then(
      (saved) => {
        const start = saved ?? emptyDraft(initialInput);
        setDraft(start);
        // Reopened mid-way: back to the form at once, or to the server's refusal.
        if (saved?.input) {
          void check(saved.input).then(() => {
            if (saved.refusedSignUpUrl) setError({ code: 'app-sign-up-refused', signUpUrl: saved.refusedSignUpUrl });
          });
        }
      },
      () => setDraft(emptyDraft(initialInput)),
    );
  }, [backend]);

  // The first field of each step: the server's address, then the username.
  useEffect(() => {
    firstField.current?.focus();
  }, [info, draft === null]);

  // A rate-limited server refuses again until its reset time: the button waits too.
  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setTimeout(() => setWaitUntil(null), Math.max(0, waitUntil - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [waitUntil]);

  if (!draft) return null;

  function update(patch: Partial<SignUpDraft>) {
    const next = { ...draft!, ...patch };
    setDraft(next);
    // Best effort: losing a keystroke's save only costs retyping it.
    backend.saveSignUpDraft({ draft: next }).catch(() => {});
  }

  async function submit() {
    if (!info || !draft) return;
    setBusy('submitting');
    setError(null);
    setFieldErrors({});
    try {
      const outcome = await backend.signUp({
        origin: info.origin,
        username: draft.username.trim().replace(/^@/, ''),
        email: draft.email.trim(),
        password,
        agreement: draft.agreed,
        reason: info.mode === 'approval' ? draft.reason.trim() : undefined,
        dateOfBirth: info.minAge !== null ? draft.dateOfBirth : undefined,
      });
      if (outcome.ok) {
        setPassword('');
        if ('waiting' in outcome) onWaiting(outcome.waiting);
        else onConnected(outcome.accountId);
        return;
      }
      if (outcome.error.code === 'invalid') setFieldErrors(outcome.error.fields);
      if (outcome.error.code === 'rate-limited' && outcome.error.retryAt) setWaitUntil(Date.parse(outcome.error.retryAt));
      setError(outcome.error);
    } catch {
      setError({ code: 'unexpected-response' });
    } finally {
      setBusy(null);
    }
  }

  const host = info?.host ?? draft.input;
  const describedBy = (field: SignUpFieldName, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : '', fieldErrors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const errorsOf = (field: SignUpFieldName) =>
    fieldErrors[field] ? (
      <p id={`${id}-${field}-error`} class="field-error">
        {fieldErrors[field]!.map((code) => fieldErrorText(field, code, info?.minAge ?? null)).join(' ')}
      </p>
    ) : null;
  const refused = error?.code === 'app-sign-up-refused' ? error : null;
  // A server that refused the app's sign-up will refuse it again: no form to fill in vain.
  const canJoin = info && (info.mode === 'open' || info.mode === 'approval') && !refused;

  return (
    <section class="stack signup" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{info ? t('signUpTitleAt', info.host) : t('signUpTitle')}</h2>

      {!info && (
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void check(draft.input.trim());
          }}
        >
          <InstanceField
            id={`${id}-instance`}
            inputRef={firstField}
            value={draft.input}
            disabled={busy !== null}
            hint={t('signUpInstanceHint')}
            onInput={(input) => update({ input })}
          />
          <button type="submit" class="primary" disabled={busy !== null}>
            {t('signUpContinueButton')}
          </button>
          {busy === 'checking' && <p role="status">{t('progressChecking')}</p>}
        </form>
      )}

      {info && <ModeSummary info={info} />}

      {canJoin && (
        <form
          class="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy && waitUntil === null) void submit();
          }}
        >
          {info.rules.length > 0 && (
            <section aria-labelledby={`${id}-rules`}>
              <h3 id={`${id}-rules`}>{t('signUpRulesTitle', info.host)}</h3>
              <ol class="rules">
                {info.rules.map((rule) => (
                  <li key={rule.id}>
                    {rule.text}
                    {rule.hint && <span class="hint"> {rule.hint}</span>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <p class="actions">
            <a href={info.privacyPolicyUrl} target="_blank" rel="noreferrer">
              {t('signUpPrivacyLink')}
            </a>
            {info.termsUrl && (
              <a href={info.termsUrl} target="_blank" rel="noreferrer">
                {t('signUpTermsLink')}
              </a>
            )}
          </p>

          <Field id={`${id}-username`} label={t('signUpUsernameLabel')} errors={errorsOf('username')}>
            <input
              ref={firstField}
              id={`${id}-username`}
              type="text"
              autocomplete="username"
              autocapitalize="off"
              spellcheck={false}
              aria-invalid={fieldErrors.username ? 'true' : undefined}
              aria-describedby={describedBy('username', true)}
              value={draft.username}
              disabled={busy !== null}
              onInput={(event) => update({ username: event.currentTarget.value })}
            />
            <p id={`${id}-username-hint`} class="hint">
              {t('signUpUsernameHint', `@${draft.username.trim().replace(/^@/, '') || t('signUpUsernameExample')}@${info.host}`)}
            </p>
          </Field>

          <Field id={`${id}-email`} label={t('signUpEmailLabel')} errors={errorsOf('email')}>
            <input
              id={`${id}-email`}
              type="email"
              autocomplete="email"
              aria-invalid={fieldErrors.email ? 'true' : undefined}
              aria-describedby={describedBy('email')}
              value={draft.email}
              disabled={busy !== null}
              onInput={(event) => update({ email: event.currentTarget.value })}
            />
          </Field>

          <Field id={`${id}-password`} label={t('signUpPasswordLabel')} errors={errorsOf('password')}>
            <div class="password">
              <input
                id={`${id}-password`}
                // Preact's types fix an input's type per element; switching it is the toggle.
                type={(showPassword ? 'text' : 'password') as 'password'}
                autocomplete="new-password"
                aria-invalid={fieldErrors.password ? 'true' : undefined}
                aria-describedby={describedBy('password', true)}
                value={password}
                disabled={busy !== null}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
              <button type="button" aria-pressed={showPassword} onClick={() => setShowPassword(!showPassword)}>
                {showPassword ? t('signUpHidePassword') : t('signUpShowPassword')}
              </button>
            </div>
            <p id={`${id}-password-hint`} class="hint">
              {t('signUpPasswordHint')}
            </p>
          </Field>

          {info.minAge !== null && (
            <Field id={`${id}-birth`} label={t('signUpBirthLabel')} errors={errorsOf('date_of_birth')}>
              <input
                id={`${id}-birth`}
                type="date"
                autocomplete="bday"
                aria-invalid={fieldErrors.date_of_birth ? 'true' : undefined}
                aria-describedby={describedBy('date_of_birth', true)}
                value={draft.dateOfBirth}
                disabled={busy !== null}
                onInput={(event) => update({ dateOfBirth: event.currentTarget.value })}
              />
              <p id={`${id}-date_of_birth-hint`} class="hint">
                {t('signUpBirthHint', String(info.minAge))}
              </p>
            </Field>
          )}

          {info.mode === 'approval' && (
            <Field id={`${id}-reason`} label={t(info.reasonRequired ? 'signUpReasonLabel' : 'signUpReasonOptionalLabel')} errors={errorsOf('reason')}>
              <textarea
                id={`${id}-reason`}
                rows={3}
                aria-invalid={fieldErrors.reason ? 'true' : undefined}
                aria-describedby={describedBy('reason')}
                value={draft.reason}
                disabled={busy !== null}
                onInput={(event) => update({ reason: event.currentTarget.value })}
              />
            </Field>
          )}

          <label class="check">
            <input
              type="checkbox"
              checked={draft.agreed}
              aria-invalid={fieldErrors.agreement ? 'true' : undefined}
              aria-describedby={describedBy('agreement')}
              disabled={busy !== null}
              onChange={(event) => update({ agreed: event.currentTarget.checked })}
            />
            {t('signUpAgreeLabel', info.host)}
          </label>
          {errorsOf('agreement')}

          <button type="submit" class="primary" disabled={busy !== null || waitUntil !== null}>
            {t('signUpSubmitButton')}
          </button>
          {busy === 'submitting' && <p role="status">{t('signUpSubmitting', info.host)}</p>}
        </form>
      )}

      {error && (
        <div role="alert" class="error">
          <p>{signUpErrorText(error, host)}</p>
          {refused && (
            <p>
              <a href={refused.signUpUrl} target="_blank" rel="noreferrer">
                {t('signUpOpenOwnPage', host)}
              </a>
            </p>
          )}
        </div>
      )}

      <div class="actions">
        {info && (info.mode === 'closed' || info.mode === 'elsewhere' || refused) && (
          <button type="button" class="primary" onClick={() => onConnect(info.host)}>
            {t('signUpConnectInstead', info.host)}
          </button>
        )}
        {info && (
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              setInfo(null);
              setError(null);
              setFieldErrors({});
              if (draft.refusedSignUpUrl) update({ refusedSignUpUrl: undefined });
            }}
          >
            {t('signUpOtherServerButton')}
          </button>
        )}
        <button
          type="button"
          disabled={busy === 'submitting'}
          onClick={() => {
            backend.saveSignUpDraft({ draft: null }).catch(() => {});
            onCancel();
          }}
        >
          {t('cancelButton')}
        </button>
      </div>
    </section>
  );
}

function Field({ id, label, errors, children }: { id: string; label: string; errors: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {errors}
    </div>
  );
}

/** What follows on this server, in one plain sentence (and the server's own message). */
function ModeSummary({ info }: { info: SignUpInfo }) {
  switch (info.mode) {
    case 'open':
      return <p>{t('signUpModeOpen', info.host)}</p>;
    case 'approval':
      return <p>{t(info.reasonRequired ? 'signUpModeApprovalReason' : 'signUpModeApproval', info.host)}</p>;
    case 'closed':
      return (
        <div class="panel stack">
          <p>{t('signUpClosed', info.host)}</p>
          {info.message && <p class="server-message">{info.message}</p>}
          {info.url && (
            <a href={info.url} target="_blank" rel="noreferrer">
              {t('signUpOpenOwnPage', info.host)}
            </a>
          )}
        </div>
      );
    case 'elsewhere':
      return (
        <div class="panel stack">
          <p>{t('signUpModeElsewhere', info.host)}</p>
          <a href={info.url!} target="_blank" rel="noreferrer">
            {t('signUpOpenOwnPage', info.host)}
          </a>
        </div>
      );
  }
}
