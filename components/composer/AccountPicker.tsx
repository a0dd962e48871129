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

/**
 * Who is posting: avatar, display name and handle, so the person sees at a glance which
 * account this goes out as; with several accounts, also the choice of another.
 */
export function AccountPicker({ accounts, value, disabled, onChange }: AccountPickerProps) {
  const id = useId();
  const current = accounts.find((account) => account.id === value);
  return (
    <div class="composer-account">
      <div class="identity">
        {/* Decorative: the name beside it says who it is. */}
        {current?.avatar && <img class="avatar" src={current.avatar} alt="" width={32} height={32} />}
        <div class="identity-text">
          {current && <span class="display-name">{current.displayName || current.username}</span>}
          <span class="handle">{t('postingAs', handle(value))}</span>
        </div>
      </div>
      {accounts.length > 1 && (
        <div class="field">
          <label for={id}>{t('accountLabel')}</label>
          <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {handle(account.id)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
