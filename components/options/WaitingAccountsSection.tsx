import { useId, useState } from 'preact/hooks';
import type { ProtocolMap, WaitingAccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from '../format';
import { signUpErrorText } from '../signup/messages';
import { InlineConfirm } from '../InlineConfirm';

export interface WaitingAccountsSectionProps {
  accounts: WaitingAccountView[];
  onResend(id: string): Promise<ReturnType<ProtocolMap['resendConfirmation']>>;
  onForget(id: string): Promise<void>;
}

/**
 * Accounts created from the popup that can't post yet, with what they wait for. Forget
 * drops the token kept for them here (the account stays on the server).
 */
export function WaitingAccountsSection({ accounts, onResend, onForget }: WaitingAccountsSectionProps) {
  const id = useId();
  const [notice, setNotice] = useState<{ failed: boolean; text: string } | null>(null);
  const [forgetting, setForgetting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (accounts.length === 0) return null;

  async function resend(account: WaitingAccountView) {
    setBusy(true);
    try {
      const result = await onResend(account.id);
      setNotice(result.ok ? { failed: false, text: t('waitingEmailSent', result.waiting.email) } : { failed: true, text: signUpErrorText(result.error, hostOf(account.origin)) });
    } catch {
      setNotice({ failed: true, text: signUpErrorText({ code: 'unexpected-response' }, hostOf(account.origin)) });
    } finally {
      setBusy(false);
    }
  }

  async function forget(account: WaitingAccountView) {
    setBusy(true);
    try {
      await onForget(account.id);
      setNotice({ failed: false, text: t('optionsWaitingForgotten', `@${account.id}`) });
    } finally {
      setBusy(false);
      setForgetting(null);
    }
  }

  return (
    <section class="stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsWaitingTitle')}</h2>
      <p class="hint">{t('optionsWaitingHint')}</p>
      {notice && (
        <div role={notice.failed ? 'alert' : 'status'} class={notice.failed ? 'error' : 'notice'}>
          <p>{notice.text}</p>
        </div>
      )}
      <ul class="plain stack">
        {accounts.map((account) => (
          <li key={account.id} class="stack">
            <p>
              <strong>@{account.id}</strong>
            </p>
            <p>
              {account.state === 'confirm-email'
                ? t('optionsWaitingEmail', account.email)
                : t('optionsWaitingApproval', hostOf(account.origin))}
            </p>
            {forgetting === account.id ? (
              <InlineConfirm confirmLabel={t('optionsWaitingForgetButton')} busy={busy} onConfirm={() => void forget(account)} onCancel={() => setForgetting(null)}>
                {t('optionsWaitingForgetQuestion', `@${account.id}`)}
              </InlineConfirm>
            ) : (
              <div class="actions">
                {account.state === 'confirm-email' && (
                  <button type="button" disabled={busy} onClick={() => void resend(account)} aria-label={t('optionsWaitingResendLabel', `@${account.id}`)}>
                    {t('waitingResendButton')}
                  </button>
                )}
                <button type="button" disabled={busy} onClick={() => setForgetting(account.id)} aria-label={t('optionsWaitingForgetLabel', `@${account.id}`)}>
                  {t('optionsWaitingForgetButton')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
