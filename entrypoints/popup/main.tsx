import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { applyUiLocale, t } from '@/utils/i18n';
import { composerExtras } from '@/utils/composer-extras';
import { composerSnapshotKeeper, readLastKnown } from '@/utils/app-state-snapshot';
import { createBackend } from '@/utils/messaging';
import '@/assets/theme.css';
import './style.css';

applyUiLocale();
document.title = t('extName');

// Read before the first render, so that it draws the last known state at once (the
// connect form, or the composer with its draft); a missing or unreadable snapshot leaves
// the popup waiting for the background as before.
const lastKnown = await readLastKnown().catch(() => ({ app: null, composer: null }));

render(
  <>
    <header>
      <h1>{t('extName')}</h1>
    </header>
    <main>
      <Popup
        backend={createBackend(composerExtras)}
        lastKnownState={lastKnown.app}
        lastKnownComposer={composerSnapshotKeeper(lastKnown.composer)}
      />
    </main>
  </>,
  document.getElementById('app')!,
);
