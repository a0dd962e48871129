import { useId } from 'preact/hooks';
import type { AccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { handle } from './format';

export interface AccountPickerProps {
  accounts: AccountView[];
  /** The draft's account. */
  value: string;
  disabled: boolean;
  onChange(accountId: string): void;
}

/** Which account posts; with only one there is nothing to choose, so it is just named. */
export function AccountPicker({ accounts, value, disabled, onChange }: AccountPickerProps) {
  const id = useId();
  if (accounts.length < 2) return <p class="composer-account">{t('postingAs', handle(value))}</p>;
  return (
    <div class="field composer-account">
      <label for={id}>{t('accountLabel')}</label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {handle(account.id)}
          </option>
        ))}
      </select>
    </div>
  );
}
