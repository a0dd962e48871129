import { render } from 'preact';
import { Popup, type PopupBackend } from '@/components/Popup';
import { t } from '@/utils/i18n';
import { onMessage, sendMessage } from '@/utils/messaging';
import './style.css';

const backend: PopupBackend = {
  getState: () => sendMessage('getState'),
  connect: (input) => sendMessage('connect', { input }),
  connectWithManualCredentials: (credentials) => sendMessage('connectWithManualCredentials', credentials),
  dismissConnectStatus: () => sendMessage('dismissConnectStatus'),
  onConnectStatusChanged: (listener) => onMessage('connectStatusChanged', ({ data }) => listener(data)),
};

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('extName');

render(
  <>
    <header>
      <h1>{t('extName')}</h1>
    </header>
    <main>
      <Popup backend={backend} />
    </main>
  </>,
  document.getElementById('app')!,
);
