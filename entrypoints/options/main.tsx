import { render } from 'preact';
import { OptionsPage, type OptionsBackend } from '@/components/options/OptionsPage';
import { applyUiLocale, t } from '@/utils/i18n';
import type { Settings } from '@/lib/settings';
import { createBackend } from '@/utils/messaging';
import { readSettings, settingsItem } from '@/utils/settings-item';
import '@/assets/theme.css';
import './style.css';

// Settings hold no secrets: read and written here, without a round trip to the background.
const backend: OptionsBackend = createBackend({
  getSettings: readSettings,
  setSettings: (settings: Settings) => settingsItem.setValue(settings),
});

applyUiLocale();
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
