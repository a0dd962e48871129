import type { AccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { handle } from './format';
import './AlsoPostAsChoices.css';

export interface AlsoPostAsChoicesProps {
  /** The toggle's `aria-controls` target. */
  id: string;
  /** The other accounts (not the draft's own). */
  accounts: AccountView[];
  others: string[];
  /** Accounts that have their post already: they stay chosen. */
  posted: string[];
  disabled: boolean;
  onChange(accountIds: string[]): void;
}

/** Cross-posting: a checkbox per other account, named by its handle. */
export function AlsoPostAsChoices({ id, accounts, others, posted, disabled, onChange }: AlsoPostAsChoicesProps) {
  return (
    <fieldset id={id} class="also-post-as" disabled={disabled}>
      <legend>{t('alsoPostAsLegend')}</legend>
      {accounts.map((account) => {
        const chosen = others.includes(account.id);
        const done = posted.includes(account.id);
        return (
          <label key={account.id} class="also-post-as-choice">
            <input
              type="checkbox"
              checked={chosen || done}
              // Its post exists: it can no longer be left out.
              disabled={done}
              onChange={(event) => onChange(event.currentTarget.checked ? [...others, account.id] : others.filter((other) => other !== account.id))}
            />
            {handle(account.id)}
          </label>
        );
      })}
    </fieldset>
  );
}
