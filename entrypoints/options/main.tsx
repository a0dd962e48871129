import { browser } from 'wxt/browser';
import { render } from 'preact';
import { OptionsPage, type OptionsBackend } from '@/components/options/OptionsPage';
import { t } from '@/utils/i18n';
import { onMessage, sendMessage } from '@/utils/messaging';
import { readSettings, settingsItem } from '@/utils/settings-item';
import '@/assets/theme.css';
import './style.css';

const backend: OptionsBackend = {
  getState: () => sendMessage('getState'),
  setDefaultAccount: (accountId) => sendMessage('setDefaultAccount', { accountId }),
  refreshAccount: (accountId) => sendMessage('refreshAccount', { accountId }),
  disconnect: (accountId) => sendMessage('disconnect', { accountId }),
  listRegistrations: () => sendMessage('listRegistrations'),
  dropRegistration: (key) => sendMessage('dropRegistration', { key }),
  dropAllRegistrations: () => sendMessage('dropAllRegistrations'),
  saveManualRegistration: (credentials) => sendMessage('saveManualRegistration', credentials),
  // Settings hold no secrets: read and written here, without a round trip to the background.
  getSettings: readSettings,
  setSettings: (settings) => settingsItem.setValue(settings),
  onConnectStatusChanged: (listener) => onMessage('connectStatusChanged', ({ data }) => listener(data)),
};

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');

render(
  <>
    <header>
      <h1>{t('optionsTitle')}</h1>
    </header>
    <main>
      <OptionsPage backend={backend} />
    </main>
  </>,
  document.getElementById('app')!,
);
