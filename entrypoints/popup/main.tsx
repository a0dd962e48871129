import { browser } from 'wxt/browser';
import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { t } from '@/utils/i18n';
import { createBackend } from '@/utils/messaging';
import '@/assets/theme.css';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('extName');

render(
  <>
    <header>
      <h1>{t('extName')}</h1>
    </header>
    <main>
      <Popup backend={createBackend()} />
    </main>
  </>,
  document.getElementById('app')!,
);
