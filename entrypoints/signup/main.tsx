import { browser } from 'wxt/browser';
import { render } from 'preact';
import { SignUpView } from '@/components/signup/SignUpView';
import { t } from '@/utils/i18n';
import { createBackend } from '@/utils/messaging';
import '@/assets/theme.css';
import '../popup/style.css';

/**
 * Creating an account, in the popup's own window: the popup navigates here, so that
 * opening the popup (every toolbar click) never loads the sign-up form. Every way out
 * goes back to the popup, which then shows the waiting account or the composer.
 */
const back = (connect?: string) => location.assign(connect ? `popup.html?connect=${encodeURIComponent(connect)}` : 'popup.html');

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('signUpTitle');

render(
  <>
    <header>
      <h1>{t('extName')}</h1>
    </header>
    <main>
      <SignUpView
        backend={createBackend()}
        initialInput={new URLSearchParams(location.search).get('input') ?? ''}
        onWaiting={() => back()}
        onConnected={() => back()}
        onConnect={(input) => back(input)}
        onCancel={() => back()}
      />
    </main>
  </>,
  document.getElementById('app')!,
);
