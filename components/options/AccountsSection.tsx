import { useId, useRef, useState } from 'preact/hooks';
import type { AccountView, ProtocolMap } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from '../format';
import { focusIfLost, InlineConfirm } from '../InlineConfirm';

export type RefreshResult = ReturnType<ProtocolMap['refreshAccount']>;

export interface AccountsSectionProps {
  accounts: AccountView[];
  defaultAccountId: string | null;
  onSetDefault(accountId: string): Promise<void>;
  onRefresh(accountId: string): Promise<RefreshResult>;
  onDisconnect(accountId: string): Promise<{ revoked: boolean }>;
}

/** The outcome of the last action; the row it concerns may be gone (disconnect). */
type Notice =
  | { kind: 'done'; text: string }
  | { kind: 'failed'; text: string }
  | { kind: 'not-revoked'; origin: string };

function refreshProblem(account: AccountView, result: RefreshResult): string | null {
  if (result.ok) return null;
  const host = hostOf(account.origin);
  switch (result.error.code) {
    case 'unauthorized':
      return t('optionsRefreshUnauthorized', [host, account.id]);
    case 'unreachable':
      return t('optionsRefreshUnreachable', host);
    case 'rate-limited':
      return t('optionsRefreshRateLimited', host);
    case 'no-account':
      return t('optionsRefreshGone', account.id);
    default:
      return t('optionsRefreshFailed', account.id);
  }
}

export function AccountsSection({ accounts, defaultAccountId, onSetDefault, onRefresh, onDisconnect }: AccountsSectionProps) {
  const id = useId();
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Checked at once when picked; the stored default follows when the background answers. */
  const [picked, setPicked] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  async function pick(account: AccountView) {
    setPicked(account.id);
    try {
      await onSetDefault(account.id);
      setNotice({ kind: 'done', text: t('optionsSetDefaultDone', account.id) });
    } catch {
      setNotice({ kind: 'failed', text: t('optionsSetDefaultFailed', account.id) });
    } finally {
      setPicked(null);
    }
  }

  async function refresh(account: AccountView) {
    try {
      const problem = refreshProblem(account, await onRefresh(account.id));
      setNotice(problem ? { kind: 'failed', text: problem } : { kind: 'done', text: t('optionsRefreshed', account.id) });
    } catch {
      setNotice({ kind: 'failed', text: t('optionsRefreshFailed', account.id) });
    }
  }

  async function disconnect(account: AccountView): Promise<boolean> {
    try {
      const { revoked } = await onDisconnect(account.id);
      setNotice(revoked ? { kind: 'done', text: t('optionsDisconnected', account.id) } : { kind: 'not-revoked', origin: account.origin });
      // The row went, and the focused button in it: the outcome
      // takes the focus, unless the person has moved on meanwhile.
      requestAnimationFrame(() => focusIfLost(noticeRef.current));
      return true;
    } catch {
      setNotice({ kind: 'failed', text: t('optionsDisconnectFailed', account.id) });
      return false;
    }
  }

  const shownDefault = picked ?? defaultAccountId;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsAccountsTitle')}</h2>
      {accounts.length === 0 ? (
        <p>{t('optionsNoAccounts')}</p>
      ) : (
        <fieldset class="accounts-group" aria-describedby={`${id}-hint`}>
          <legend>{t('optionsDefaultAccountLegend')}</legend>
          <p id={`${id}-hint`} class="hint">
            {t('optionsDefaultAccountHint')}
          </p>
          <ul class="account-rows">
            {accounts.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                radioName={`${id}-default`}
                isDefault={account.id === shownDefault}
                onPick={() => pick(account)}
                onRefresh={() => refresh(account)}
                onDisconnect={() => disconnect(account)}
              />
            ))}
          </ul>
        </fieldset>
      )}
      <div ref={noticeRef} tabIndex={-1} class="outcome">
        <p role="status">{notice?.kind === 'done' && notice.text}</p>
        <div role="alert">
          {notice?.kind === 'failed' && <p class="error">{notice.text}</p>}
          {notice?.kind === 'not-revoked' && (
            <p class="warning">
              {t('optionsDisconnectedNotRevoked', hostOf(notice.origin))}{' '}
              <a href={`${notice.origin}/oauth/authorized_applications`} target="_blank" rel="noopener noreferrer">
                {t('optionsAuthorizedAppsLink', hostOf(notice.origin))}
              </a>
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

interface AccountRowProps {
  account: AccountView;
  radioName: string;
  isDefault: boolean;
  onPick(): void;
  onRefresh(): Promise<void>;
  /** Resolves true once the account is gone. */
  onDisconnect(): Promise<boolean>;
}

function AccountRow({ account, radioName, isDefault, onPick, onRefresh, onDisconnect }: AccountRowProps) {
  const id = useId();
  const [refreshing, setRefreshing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [disconnecting, setDisconnecting] = useState(false);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const host = hostOf(account.origin);

  async function refresh() {
    if (refreshing) return;
    setRefreshing(true);
    await onRefresh();
    setRefreshing(false);
  }

  async function disconnect() {
    setDisconnecting(true);
    // Failed: the question stays, so that the person can simply confirm again.
    if (!(await onDisconnect())) setDisconnecting(false);
  }

  return (
    <li class="account-row">
      <input type="radio" id={`${id}-radio`} name={radioName} checked={isDefault} onChange={onPick} />
      <label for={`${id}-radio`} class="account">
        {/* Decorative: the name is right next to it. */}
        {account.avatar ? <img class="avatar" src={account.avatar} alt="" width={40} height={40} /> : <span class="avatar" />}
        <span class="account-text">
          <span class="account-name">{account.displayName || account.username}</span>
          <span class="account-handle" id={`${id}-handle`}>
            @{account.id}
          </span>
          <span class="account-host">{host}</span>
        </span>
      </label>
      <div class="actions">
        {/* Every row has these buttons: the handle tells them apart. */}
        <button type="button" aria-describedby={`${id}-handle`} aria-disabled={refreshing} onClick={refresh}>
          {refreshing ? t('optionsRefreshing') : t('optionsRefreshButton')}
        </button>
        <button
          type="button"
          ref={disconnectButton}
          aria-describedby={`${id}-handle`}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          {t('optionsDisconnectButton')}
        </button>
      </div>
      {confirming && (
        <InlineConfirm
          confirmLabel={disconnecting ? t('optionsDisconnecting') : t('optionsDisconnectConfirmButton', account.id)}
          busy={disconnecting}
          onConfirm={disconnect}
          onCancel={() => {
            setConfirming(false);
            disconnectButton.current?.focus();
          }}
        >
          <p>{t('optionsDisconnectConfirm', [account.id, host])}</p>
        </InlineConfirm>
      )}
    </li>
  );
}
