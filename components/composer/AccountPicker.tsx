import { useId, useState } from 'preact/hooks';
import type { AccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { AlsoPostAsChoices } from './folded';
import { handle } from './format';

export interface AccountPickerProps {
  accounts: AccountView[];
  /** The draft's account. */
  value: string;
  disabled: boolean;
  onChange(accountId: string): void;
  /** Cross-posting: the other accounts the draft also goes out as. */
  others: string[];
  /** Accounts that have their post already: they stay chosen. */
  posted: string[];
  onOthersChange(accountIds: string[]): void;
}

/**
 * Who is posting, in one line above the text: display name and handle, so the person
 * sees at a glance which account this goes out as; with several accounts, a compact
 * choice of another (the avatar beside the text box is the composer's).
 */
export function AccountPicker({ accounts, value, disabled, onChange, others, posted, onOthersChange }: AccountPickerProps) {
  const id = useId();
  const current = accounts.find((account) => account.id === value);
  return (
    <div class="composer-accounts">
      <div class="composer-account">
        {accounts.length > 1 ? (
          <>
            <label for={id} class="visually-hidden">
              {t('accountLabel')}
            </label>
            {/* Once an account has its post, the draft is that account's too: no switching away from it. */}
            <select
              id={id}
              class="account-select"
              value={value}
              disabled={disabled || posted.length > 0}
              onChange={(event) => onChange(event.currentTarget.value)}
            >
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
      {accounts.length > 1 && (
        <AlsoPostAs accounts={accounts.filter((a) => a.id !== value)} others={others} posted={posted} disabled={disabled} onChange={onOthersChange} />
      )}
    </div>
  );
}

interface AlsoPostAsProps {
  accounts: AccountView[];
  others: string[];
  posted: string[];
  disabled: boolean;
  onChange(accountIds: string[]): void;
}

/**
 * Cross-posting, behind a toggle so that one account's composer stays one line; open
 * whenever some are chosen. The choices themselves (AlsoPostAsChoices) are folded.
 */
function AlsoPostAs({ accounts, others, posted, disabled, onChange }: AlsoPostAsProps) {
  const id = useId();
  const [opened, setOpened] = useState(false);
  const open = opened || others.length > 0;
  return (
    <>
      {others.length === 0 && (
        <button type="button" class="small link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpened(!open)}>
          {t('alsoPostAsButton')}
        </button>
      )}
      {open && <AlsoPostAsChoices id={id} accounts={accounts} others={others} posted={posted} disabled={disabled} onChange={onChange} />}
    </>
  );
}
