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
 * Who is posting, in one line above the text: display name and handle, so the person
 * sees at a glance which account this goes out as; with several accounts, a compact
 * choice of another (the avatar beside the text box is the composer's).
 */
export function AccountPicker({ accounts, value, disabled, onChange }: AccountPickerProps) {
  const id = useId();
  const current = accounts.find((account) => account.id === value);
  return (
    <div class="composer-account">
      {accounts.length > 1 ? (
        <>
          <label for={id} class="visually-hidden">
            {t('accountLabel')}
          </label>
          <select id={id} class="account-select" value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {handle(account.id)}
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          {current && <span class="display-name">{current.displayName || current.username}</span>}
          {/* The handle may be cut short to fit one line; the tooltip has it whole. */}
          <span class="handle" title={handle(value)}>
            {t('postingAs', handle(value))}
          </span>
        </>
      )}
    </div>
  );
}
