import { useEffect, useId, useState } from 'preact/hooks';
import type { AppState, ConnectStatus, Requests, WaitingAccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import type { ConnectErrorMessageProps } from './ConnectErrorMessage';
import { ConnectForm } from './ConnectForm';
import { ConnectProgress } from './ConnectProgress';
import { lazy } from './lazy';
import type { ManualCredentialsFormProps } from './ManualCredentialsForm';
import type { WaitingAccountBackend, WaitingAccountProps } from './signup/WaitingAccount';

/** An ISO time still ahead of `now`, as milliseconds; null when absent or past. */
function futureTime(iso: string | undefined, now: number): number | null {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return at > now ? at : null;
}

/** The current time, updated once `until` has passed, so a wait ends on screen too. */
function useNow(until: string | undefined): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    setNow(Date.now());
    const at = futureTime(until, Date.now());
    if (at === null) return;
    const timer = setTimeout(() => setNow(Date.now()), at - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [until]);
  return now;
}

// Shown only after a failed connect, for a refused registration, or while an account waits
// for its server's approval (docs/architecture.md).
const ConnectErrorMessage = lazy<ConnectErrorMessageProps>(() => import('./ConnectErrorMessage').then((m) => m.ConnectErrorMessage));
const ManualCredentialsForm = lazy<ManualCredentialsFormProps>(() => import('./ManualCredentialsForm').then((m) => m.ManualCredentialsForm));
const WaitingAccount = lazy<WaitingAccountProps>(() => import('./signup/WaitingAccount').then((m) => m.WaitingAccount));

export type ConnectViewBackend = WaitingAccountBackend & Requests<'connect' | 'connectWithManualCredentials'>;

export interface ConnectViewProps {
  backend: ConnectViewBackend;
  app: AppState;
  status: ConnectStatus;
  /** What the connect form starts from when no run is under way (the sign-up view's "Connect instead"). */
  prefill: string;
  /** Counts the runs started here; part of the connect form's key (see there). */
  attempt: number;
  /** Origin of a running manual-credentials attempt: its form stays, disabled, keeping what was typed. */
  manualRun: string | null;
  waiting: WaitingAccountView[];
  checkingWaiting: boolean;
  /** Runs a connect request (Popup's `run`). */
  onRun(input: string, request: () => Promise<ConnectStatus>, manualOrigin?: string | null): void;
  onDismiss(): void;
  onSignUp(input: string): void;
  onCheckWaiting(): void;
  onWaitingChanged(account: WaitingAccountView): void;
  /** Back to the composer ("Cancel" while adding an account). */
  onCancel(): void;
}

/**
 * The connect flow: accounts waiting for their server, the address field, progress, what
 * went wrong and "Try again", the hand-made app credentials form. Its own chunk: a
 * connected popup at rest never draws it (docs/architecture.md, "What loads at rest").
 */
export function ConnectView({
  backend,
  app,
  status,
  prefill,
  attempt,
  manualRun,
  waiting,
  checkingWaiting,
  onRun,
  onDismiss,
  onSignUp,
  onCheckWaiting,
  onWaitingChanged,
  onCancel,
}: ConnectViewProps) {
  const id = useId();
  const now = useNow(status.state === 'failed' ? status.error.retryAt : undefined);
  const hasAccounts = app.accounts.length > 0;
  const running = status.state === 'running';
  const failed = status.state === 'failed' ? status : null;
  const rateLimitedUntil = failed ? futureTime(failed.error.retryAt, now) : null;
  const input = status.state === 'running' || status.state === 'failed' ? status.input : prefill;
  const manualOrigin = failed
    ? failed.error.code === 'registration-refused' || failed.error.code === 'manual-credentials-rejected'
      ? failed.error.origin
      : undefined
    : running
      ? manualRun
      : null;

  return (
    <>
      {waiting.map((account) => (
        <WaitingAccount
          key={account.id}
          backend={backend}
          account={account}
          checking={checkingWaiting}
          onCheck={onCheckWaiting}
          onChanged={onWaitingChanged}
        />
      ))}
      <section class="stack" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>
          {/* `@user@host` of a connected account: a reconnect after its session ended. */}
          {t(app.accounts.some((a) => `@${a.id}` === input) ? 'reconnectTitle' : hasAccounts ? 'addAccountTitle' : 'connectTitle')}
        </h2>
        {failed && (
          <>
            <ConnectErrorMessage error={failed.error} input={failed.input} />
            {/* The same input fails the same way when the address itself is wrong. */}
            {failed.error.code !== 'invalid-input' && (
              <button
                type="button"
                // A rate-limited server refuses again until its reset time: wait for it.
                disabled={rateLimitedUntil !== null}
                onClick={() => onRun(failed.input, () => backend.connect({ input: failed.input }))}
              >
                {t('tryAgainButton')}
              </button>
            )}
          </>
        )}
        {/* A new run, or a run started elsewhere, resets the field to the input being
            connected: "Try again" may retry an input the person has since edited. */}
        <ConnectForm
          key={`${attempt}:${input}`}
          initialValue={input}
          running={running}
          onSubmit={(typed) => onRun(typed, () => backend.connect({ input: typed }))}
          onSignUp={(typed) => {
            if (failed) onDismiss();
            onSignUp(typed);
          }}
        />
        <ConnectProgress phase={status.state === 'running' ? status.phase : null} />

        {manualOrigin && (
          <ManualCredentialsForm
            origin={manualOrigin}
            redirectUri={app.redirectUri}
            // The instance decides: granular scopes where it knows them, else `read write`.
            scopes={failed?.error.scopes ?? app.scopes}
            running={running}
            onSubmit={(credentials) =>
              onRun(input, () => backend.connectWithManualCredentials({ input, ...credentials }), manualOrigin)
            }
          />
        )}
        {hasAccounts && !running && (
          <button
            type="button"
            onClick={() => {
              if (failed) onDismiss();
              onCancel();
            }}
          >
            {t('cancelButton')}
          </button>
        )}
      </section>
    </>
  );
}
