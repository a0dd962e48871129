import { render } from 'preact';
import { ConnectView, Popup } from '@/components/Popup';
import { RecentPosts } from '@/components/RecentPosts';
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
// the popup waiting for the background as before. Not a top-level await: the bundler
// then keeps what the lazy chunks share with this module out of it, in three more files
// the popup would load before it can start.
const backend = createBackend(composerExtras);
void readLastKnown()
  .catch(() => ({ app: null, composer: null }))
  // With no account to draw, the connect form comes first: loaded before the first render,
  // so the popup never opens blank. A failed load is left to the form's own draw to report.
  .then(async (lastKnown) => {
    if (!lastKnown.app?.accounts.length) await ConnectView.preload().catch(() => {});
    return lastKnown;
  })
  .then((lastKnown) =>
    render(
      <>
        <header>
          <h1>{t('extName')}</h1>
        </header>
        <main>
          <Popup
            backend={backend}
            lastKnownState={lastKnown.app}
            lastKnownComposer={composerSnapshotKeeper(lastKnown.composer)}
            belowComposer={(version) => <RecentPosts backend={backend} draftId="popup" version={version} />}
          />
        </main>
      </>,
      document.getElementById('app')!,
    ),
  );
