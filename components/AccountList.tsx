import { useId } from 'preact/hooks';
import type { AccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from './format';

export interface AccountListProps {
  accounts: AccountView[];
  defaultAccountId: string | null;
}

export function AccountList({ accounts, defaultAccountId }: AccountListProps) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('accountsTitle')}</h2>
      <ul class="accounts" aria-labelledby={`${id}-title`}>
        {accounts.map((account) => (
          <li key={account.id} class="account">
            {/* Decorative: the name is right next to it. */}
            {account.avatar ? <img class="avatar" src={account.avatar} alt="" width={40} height={40} /> : <span class="avatar" />}
            <span class="account-text">
              <span class="account-name">
                {account.displayName || account.username}
                {account.id === defaultAccountId && <span class="badge">{t('accountDefault')}</span>}
              </span>
              <span class="account-handle">@{account.id}</span>
              <span class="account-host">{hostOf(account.origin)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
