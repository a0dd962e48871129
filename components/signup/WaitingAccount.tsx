import { useId, useState } from 'preact/hooks';
import type { Requests, SignUpError, WaitingAccountView } from '@/lib/messages';

/**
 * What can go wrong resending the email, in few words: the popup carries this card, and
 * the sign-up form's full set of sentences stays on the sign-up page.
 */
const RESEND_ERRORS: Partial<Record<SignUpError['code'], MessageKey>> = {
  'rate-limited': 'signUpRateLimited',
  unreachable: 'errorUnreachable',
  'unknown-account': 'signUpUnknownAccount',
};
import { t, type MessageKey } from '@/utils/i18n';
import { hostOf } from '../format';

/** What a waiting account asks of the background. */
export type WaitingAccountBackend = Requests<'resendConfirmation'>;

export interface WaitingAccountProps {
  backend: WaitingAccountBackend;
  account: WaitingAccountView;
  /** The server was asked again (the popup does that on open, and on "Check again"). */
  onCheck(): void;
  checking: boolean;
  onChanged(account: WaitingAccountView): void;
}

/**
 * An account created here that can't post yet: "check your email" (with the address,
 * a resend, and a way to correct the address) or "waiting for the staff".
 */
export function WaitingAccount({ backend, account, onCheck, checking, onChanged }: WaitingAccountProps) {
  const id = useId();
  const host = hostOf(account.origin);
  const [correcting, setCorrecting] = useState(false);
  const [email, setEmail] = useState(account.email);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<SignUpError | null>(null);

  async function resend() {
    setSending(true);
    setError(null);
    setSent(null);
    try {
      const result = await backend.resendConfirmation({ id: account.id, email: correcting ? email.trim() : undefined });
      if (result.ok) {
        setSent(result.waiting.email);
        setCorrecting(false);
        onChanged(result.waiting);
      } else {
        setError(result.error);
      }
    } catch {
      setError({ code: 'unexpected-response' });
    } finally {
      setSending(false);
    }
  }

  const emailError = error?.code === 'invalid' ? error.fields.email : undefined;

  return (
    <section class="stack panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t(account.state === 'confirm-email' ? 'waitingEmailTitle' : 'waitingApprovalTitle')}</h2>
      <p>
        {account.state === 'confirm-email'
          ? t('waitingEmailText', [account.email, `@${account.username}@${host}`])
          : t('waitingApprovalText', [`@${account.username}@${host}`, host])}
      </p>
      {sent && <p role="status">{t('waitingEmailSent', sent)}</p>}
      {error && !emailError && (
        <div role="alert" class="error">
          <p>{t(RESEND_ERRORS[error.code] ?? 'errorUnexpectedResponse', host)}</p>
        </div>
      )}
      {account.state === 'confirm-email' && correcting && (
        <div class="field">
          <label for={`${id}-email`}>{t('waitingCorrectEmailLabel')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autocomplete="email"
            value={email}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? `${id}-email-error` : undefined}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          {emailError && (
            <p id={`${id}-email-error`} class="field-error">
              {t('signUp_email_ERR_INVALID')}
            </p>
          )}
        </div>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={checking} onClick={onCheck}>
          {t('waitingCheckButton')}
        </button>
        {account.state === 'confirm-email' && (
          <button type="button" disabled={sending} onClick={() => void resend()}>
            {t('waitingResendButton')}
          </button>
        )}
        {account.state === 'confirm-email' && !correcting && (
          <button type="button" onClick={() => setCorrecting(true)}>
            {t('waitingWrongEmailButton')}
          </button>
        )}
      </div>
    </section>
  );
}
