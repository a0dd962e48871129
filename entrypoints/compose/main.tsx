import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { SharePanel } from '@/components/composer/SharePanel';
import type { DraftId } from '@/lib/messages';
import { applyUiLocale, t } from '@/utils/i18n';
import { composerExtras } from '@/utils/composer-extras';
import { readAppStateSnapshot } from '@/utils/app-state-snapshot';
import { createBackend } from '@/utils/messaging';
import '@/assets/theme.css';
import '../popup/style.css';

/**
 * The background opens `compose.html?draft=share-<id>` on a shared draft, or
 * `?problem=not-shareable` when the page has nothing to share.
 */
const query = new URLSearchParams(location.search);
const draft = query.get('draft');
const draftId = draft && /^share-./.test(draft) ? (draft as DraftId) : null;

applyUiLocale();
document.title = t('composeWindowTitle');

// Read before the first render, so that it draws the last known state at once; a
// missing or unreadable snapshot leaves the popup waiting for the background as before.
// Not a top-level await, as in the popup (entrypoints/popup/main.tsx): the bundler would
// then split what the lazy chunks share with this module into files of their own.
void readAppStateSnapshot()
  .catch(() => null)
  .then((lastKnownState) =>
    render(
      <>
        <header>
          <h1>{t('extName')}</h1>
        </header>
        <main>
          {/* The same surface as the popup, on the share's own draft: the person may need to
              connect or reconnect first, and the composer is then right there. */}
          {draftId ? (
            <Popup backend={createBackend(composerExtras)} draftId={draftId} lastKnownState={lastKnownState} SharePanel={SharePanel} />
          ) : (
            <p role="alert" class="error">
              {t(query.get('problem') === 'not-shareable' ? 'composeNotShareable' : 'composeNoDraft')}
            </p>
          )}
        </main>
      </>,
      document.getElementById('app')!,
    ),
  );
