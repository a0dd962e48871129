import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { createDraftSync, type DraftSyncState } from '@/lib/composer/draft-sync';
import type { ComposerState, DraftId } from '@/lib/messages';
import type { ComposerBackend } from './backend';

/**
 * The composer a surface last showed, kept where it can be read before the background
 * answers (the popup: storage.local, utils/app-state-snapshot.ts).
 */
export interface LastKnownComposer {
  /** Drawn in the first render; null: wait for the background. */
  state: ComposerState | null;
  /** Called with each composer shown, to keep for the next opening. */
  keep(state: ComposerState): void;
}

/**
 * The draft sync of lib/composer/draft-sync.ts for one mounted composer: it re-renders on
 * every change, hears the background's `draftChanged` broadcasts, and sends what is still
 * waiting for its delay when the page is hidden or closed.
 */
export function useDraftSync(backend: ComposerBackend, draftId: DraftId, lastKnown?: LastKnownComposer) {
  // As it was when this composer appeared (a later one is this composer's own).
  const [initial] = useState(() => lastKnown?.state ?? null);
  const [state, setState] = useState<DraftSyncState>({ composer: initial, loadFailed: false, saveFailed: false });
  const keep = lastKnown?.keep;
  const sync = useMemo(
    () =>
      createDraftSync(
        backend,
        draftId,
        (next) => {
          setState(next);
          // What was last shown is drawn first next time (the one drawn from it needs no
          // keeping). Kept here, not in an effect: a popup closed right after a keystroke
          // may never run that keystroke's effect, and would reopen without it.
          if (next.composer && next.composer !== initial) keep?.(next.composer);
        },
        initial,
      ),
    [backend, draftId],
  );

  // A layout effect: the draft is asked for as soon as the composer is in the document,
  // not a frame later (useEffect), since the text box waits for it. Drawn from the last
  // known composer, nothing waits: it asks once that is on screen.
  (initial ? useEffect : useLayoutEffect)(() => {
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
