import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { createDraftSync, type DraftSyncState } from '@/lib/composer/draft-sync';
import type { DraftId } from '@/lib/messages';
import type { ComposerBackend } from './backend';

/**
 * The draft sync of lib/composer/draft-sync.ts for one mounted composer: it re-renders on
 * every change, hears the background's `draftChanged` broadcasts, and sends what is still
 * waiting for its delay when the page is hidden or closed.
 */
export function useDraftSync(backend: ComposerBackend, draftId: DraftId) {
  const [state, setState] = useState<DraftSyncState>({ composer: null, loadFailed: false, saveFailed: false });
  const sync = useMemo(() => createDraftSync(backend, draftId, setState), [backend, draftId]);

  // A layout effect: the draft is asked for as soon as the composer is in the document,
  // not a frame later (useEffect), since the text box waits for it.
  useLayoutEffect(() => {
    setState(sync.state());
    const stop = backend.onDraftChanged(sync.receive);
    void sync.load();
    // A popup can close at any moment: whatever is still waiting for its delay goes now.
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') sync.save();
    };
    addEventListener('pagehide', sync.save);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      stop();
      removeEventListener('pagehide', sync.save);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      sync.dispose();
    };
  }, [sync]);

  return { ...state, ...sync };
}
