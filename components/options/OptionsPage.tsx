import { useEffect, useState } from 'preact/hooks';
import type { AppState, RegistrationView, Requests, Subscriptions } from '@/lib/messages';
import type { Settings } from '@/lib/settings';
import { t } from '@/utils/i18n';
import { LoadFailed } from '../LoadFailed';
import { SetAsideNotes, type SetAsideNotesBackend } from '../SetAsideNotes';
import { useListed } from '../useListed';
import { AccountsSection, type RefreshResult } from './AccountsSection';
import { DefaultsSection } from './DefaultsSection';
import { ManualRegistrationSection } from './ManualRegistrationSection';
import { RegistrationsSection } from './RegistrationsSection';
import { WaitingAccountsSection } from './WaitingAccountsSection';

/** What the options page asks of the background (and of storage, for settings); tests pass fakes. */
export type OptionsBackend = Requests<
  | 'getState'
  | 'setDefaultAccount'
  | 'refreshAccount'
  | 'disconnect'
  | 'listRegistrations'
  | 'dropRegistration'
  | 'dropAllRegistrations'
  | 'saveManualRegistration'
  | 'resendConfirmation'
  | 'forgetWaitingAccount'
> &
  SetAsideNotesBackend &
  // An account connected in the popup shows up here too.
  Subscriptions<'connectStatusChanged'> & {
    getSettings(): Promise<Settings>;
    setSettings(settings: Settings): Promise<void>;
  };

interface Loaded {
  app: AppState;
  registrations: RegistrationView[];
  settings: Settings;
}

const withoutAccount =
  (accountId: string) =>
  (loaded: Loaded): Loaded => ({ ...loaded, app: { ...loaded.app, accounts: loaded.app.accounts.filter((a) => a.id !== accountId) } });

export function OptionsPage({ backend }: { backend: OptionsBackend }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const setAside = useListed(() => backend.listSetAside());

  /** Accounts and registrations change together: a disconnect changes "Used by". */
  async function reload() {
    const [app, registrations] = await Promise.all([backend.getState(), backend.listRegistrations()]);
    setLoaded((current) => current && { ...current, app, registrations });
  }

  /**
   * Shows what an action did at once, then re-reads what else it changed (a new default
   * account, "Used by"). The action succeeded even when re-reading fails.
   */
  function settle(change: (current: Loaded) => Loaded) {
    setLoaded((current) => current && change(current));
    return reload().catch(() => {});
  }

  useEffect(() => {
    Promise.all([backend.getState(), backend.listRegistrations(), backend.getSettings()]).then(
      ([app, registrations, settings]) => setLoaded({ app, registrations, settings }),
      () => setLoadFailed(true),
    );
    return backend.onConnectStatusChanged((status) => {
      // Best effort: the page merely shows the new account on its next load otherwise.
      if (status.state === 'done') reload().catch(() => {});
    });
  }, [backend]);

  if (!loaded) {
    return loadFailed ? (
      <LoadFailed message={t('optionsLoadFailed')} />
    ) : null;
  }

  const { app, registrations, settings } = loaded;

  return (
    <>
      {setAside.length > 0 && <SetAsideNotes backend={backend} notes={setAside} />}
      <AccountsSection
        accounts={app.accounts}
        defaultAccountId={app.defaultAccountId}
        onSetDefault={async (accountId) => {
          await backend.setDefaultAccount({ accountId });
          setLoaded((current) => current && { ...current, app: { ...current.app, defaultAccountId: accountId } });
        }}
        onRefresh={async (accountId) => {
          const result = await backend.refreshAccount({ accountId });
          if (result.ok) {
            setLoaded(
              (current) =>
                current && {
                  ...current,
                  app: { ...current.app, accounts: current.app.accounts.map((a) => (a.id === accountId ? result.account : a)) },
                },
            );
          } else if (result.error.code === 'no-account') {
            await settle(withoutAccount(accountId));
          }
          return result;
        }}
        onDisconnect={async (accountId) => {
          const result = await backend.disconnect({ accountId });
          await settle(withoutAccount(accountId));
          return result;
        }}
      />
      <WaitingAccountsSection
        accounts={app.waiting}
        onResend={async (id) => {
          const result = await backend.resendConfirmation({ id });
          if (result.ok) await reload().catch(() => {});
          return result;
        }}
        onForget={async (id) => {
          await backend.forgetWaitingAccount({ id });
          await settle((c) => ({ ...c, app: { ...c.app, waiting: c.app.waiting.filter((a) => a.id !== id) } }));
        }}
      />
      <RegistrationsSection
        registrations={registrations}
        onDrop={async (key) => {
          await backend.dropRegistration({ key });
          await settle((c) => ({ ...c, registrations: c.registrations.filter((r) => r.key !== key) }));
        }}
        onDropAll={async () => {
          await backend.dropAllRegistrations();
          await settle((c) => ({ ...c, registrations: [] }));
        }}
      />
      <ManualRegistrationSection
        redirectUri={app.redirectUri}
        scopes={app.scopes}
        onSave={async (credentials) => {
          const result = await backend.saveManualRegistration(credentials);
          if (result.ok) await reload().catch(() => {});
          return result;
        }}
      />
      <DefaultsSection
        settings={settings}
        accounts={app.accounts}
        defaultAccountId={app.defaultAccountId}
        onSave={(next) => backend.setSettings(next)}
      />
    </>
  );
}
