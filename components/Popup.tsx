import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { AppState, ConnectStatus, DraftId, Requests, Subscriptions, WaitingAccountView } from '@/lib/messages';
import { t } from '@/utils/i18n';
import type { ComposerBackend } from './composer/backend';
import { Composer, type ComposerProps } from './composer/Composer';
import type { LastKnownComposer } from './composer/useDraftSync';
import { lazy } from './lazy';
import { LoadFailed } from './LoadFailed';
import type { SignUpBackend, SignUpViewProps } from './signup/SignUpView';
import type { ConnectViewBackend, ConnectViewProps } from './ConnectView';
import type { SetAsideNotesBackend, SetAsideNotesProps } from './SetAsideNotes';
import type { UnfinishedSharesBackend, UnfinishedSharesProps } from './UnfinishedShares';
import { useListed } from './useListed';

/** What the popup (and a compose window) asks of the background; tests pass fakes. */
export type PopupBackend = ComposerBackend &
  UnfinishedSharesBackend &
  SetAsideNotesBackend &
  SignUpBackend &
  ConnectViewBackend &
  Requests<'getState' | 'dismissConnectStatus' | 'checkWaitingAccounts'> &
  Subscriptions<'connectStatusChanged'>;

export interface PopupProps {
  backend: PopupBackend;
  /** The popup's own draft, or a share window's. */
  draftId?: DraftId;
  /**
   * The state the background last recorded (storage.local, read without waiting for
   * the worker): drawn in the first render, then replaced by the background's answer.
   */
  lastKnownState?: AppState | null;
  /** The composer this popup last showed (storage.local): its text box is usable before the background answers. */
  lastKnownComposer?: LastKnownComposer;
  /**
   * What the toolbar popup draws under its composer: the last posts (RecentPosts), read
   * again at each new `version` (a post made or undone). Passed in by the popup, so that a
   * share window, which has none, does not carry their code.
   */
  belowComposer?: (version: number) => ComponentChildren;
  /** A share window's panel on the shared page: see ComposerProps. */
  SharePanel?: ComposerProps['SharePanel'];
}

// The sign-up form only shows for "Create an account", and does not make the connect form
// wait. The composer is not loaded so: a popup with an account draws it at once from the
// last known state, and a second round of loading (a chunk asked for only after the first
// render) would be most of its wait. Lazy parts draw no busy line of their own here: the
// popup is still drawing itself.
const LazySignUpView = lazy<SignUpViewProps>(() => import('./signup/SignUpView').then((m) => m.SignUpView), () => null);
/**
 * The connect flow: a connected popup at rest never draws it (docs/architecture.md, "What
 * loads at rest"). A popup that will draw it first (no account in the last known state)
 * loads it before its first render: `ConnectView.preload()`.
 */
export const ConnectView = lazy<ConnectViewProps>(() => import('./ConnectView').then((m) => m.ConnectView), () => null);
// Drawn only when the background lists something: stored data set aside as unreadable, or
// share windows closed before posting. Rare states, so their code loads with them.
const SetAsideNotes = lazy<SetAsideNotesProps>(() => import('./SetAsideNotes').then((m) => m.SetAsideNotes), () => null);
const UnfinishedShares = lazy<UnfinishedSharesProps>(() => import('./UnfinishedShares').then((m) => m.UnfinishedShares), () => null);

/** With an account connected, the composer; else (or on "Add account") the connect flow. */
export function Popup({ backend, draftId = 'popup', lastKnownState, lastKnownComposer, belowComposer, SharePanel }: PopupProps) {
  const [app, setApp] = useState<AppState | null>(lastKnownState ?? null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [status, setStatus] = useState<ConnectStatus>(lastKnownState?.connect ?? { state: 'idle' });
  /** The person asked to connect another account while some are connected. */
  const [adding, setAdding] = useState(false);
  /** Origin of a running manual-credentials attempt: its form stays, disabled, keeping what was typed. */
  const [manualRun, setManualRun] = useState<string | null>(null);
  /** Counts the runs started here; part of the connect form's key (see there). */
  const [attempt, setAttempt] = useState(0);
  /** Creating an account instead of connecting one; the input it started from. */
  const [signUpFrom, setSignUpFrom] = useState<string | null>(null);
  /** An address handed over by the sign-up view's "Connect instead". */
  const [prefill, setPrefill] = useState('');
  const [waiting, setWaiting] = useState<WaitingAccountView[]>(lastKnownState?.waiting ?? []);
  const [checkingWaiting, setCheckingWaiting] = useState(false);
  /** Counts posts made or undone here: the list of last posts is read again on each. */
  const [postsVersion, setPostsVersion] = useState(0);
  const setAside = useListed(() => backend.listSetAside());
  // Only the toolbar popup lists them: a share window is itself one of them.
  const unfinished = useListed(() => (draftId === 'popup' ? backend.listUnfinishedShares() : Promise.resolve([])));

  function load() {
    backend.getState().then(
      (state) => {
        setApp(state);
        setStatus(state.connect);
        setWaiting(state.waiting);
      },
      () => setLoadFailed(true),
    );
  }

  /** Asks the servers of waiting accounts again; an active one becomes connected, and the composer opens. */
  function checkWaiting() {
    setCheckingWaiting(true);
    backend
      .checkWaitingAccounts()
      .then(
        (result) => {
          setWaiting(result.waiting);
          if (result.activated.length > 0) {
            setAdding(false);
            load();
          }
        },
        () => {},
      )
      .finally(() => setCheckingWaiting(false));
  }

  function show(next: ConnectStatus) {
    if (next.state === 'done') {
      // The new account is only in a fresh AppState; showing "done" before it arrives
      // would flash a list without it.
      setAdding(false);
      load();
    } else {
      setStatus(next);
    }
  }

  // With nothing to draw yet, a layout effect: it asks as soon as the first (empty) render
  // is in the document, where useEffect would wait for the next frame. Drawn from the last
  // known state, it asks once that is on screen: each message costs the page some time
  // before it can show the field (fixed for the popup's life: one kind of hook per slot).
  const [drawnEarly] = useState(lastKnownState != null);
  (drawnEarly ? useEffect : useLayoutEffect)(() => {
    const stop = backend.onConnectStatusChanged(show);
    load();
    // Opening the popup is when the person comes back from their mail or the staff's answer.
    checkWaiting();
    // A sign-up form left half-filled when the popup closed opens again as it was.
    backend.getSignUpDraft().then(
      (draft) => {
        if (draft) setSignUpFrom(draft.input);
      },
      () => {},
    );
    return stop;
  }, [backend]);

  /** Runs a connect request; the background replaces any recorded outcome as it starts. */
  async function run(input: string, request: () => Promise<ConnectStatus>, manualOrigin: string | null = null) {
    setManualRun(manualOrigin);
    setAttempt((n) => n + 1);
    // Shown at once: the first broadcast takes a round trip.
    setStatus({ state: 'running', phase: 'checking', input });
    try {
      show(await request());
    } catch {
      // No answer means the background went away mid-flow: the same as a restart.
      show({ state: 'failed', input, error: { code: 'interrupted' } });
    }
  }

  function dismiss() {
    setStatus({ state: 'idle' });
    // Best effort: if it fails, the outcome is merely shown once more on the next open.
    backend.dismissConnectStatus().catch(() => {});
  }

  // Also over a last known state: what it shows can't be acted on without the background.
  if (loadFailed) return <LoadFailed message={t('popupLoadFailed')} />;
  if (!app) return null;

  const notes = setAside.length > 0 && <SetAsideNotes backend={backend} notes={setAside} />;

  if (signUpFrom !== null) {
    return (
      <LazySignUpView
        backend={backend}
        initialInput={signUpFrom}
        onWaiting={(account) => {
          setSignUpFrom(null);
          setWaiting((list) => [...list.filter((a) => a.id !== account.id), account]);
        }}
        onConnected={() => {
          setSignUpFrom(null);
          setAdding(false);
          load();
        }}
        onConnect={(input) => {
          setSignUpFrom(null);
          setPrefill(input);
          setAdding(true);
        }}
        onCancel={() => setSignUpFrom(null)}
      />
    );
  }

  if (status.state === 'idle' || status.state === 'done') {
    if (app.accounts.length > 0 && !adding) {
      const known = lastKnownComposer?.state;
      return (
        <>
          {notes}
          {status.state === 'done' && (
            <div class="notice">
              <p role="status">{t('connectDone', status.accountId)}</p>
              <button type="button" onClick={dismiss}>
                {t('dismissButton')}
              </button>
            </div>
          )}
          {unfinished.length > 0 && <UnfinishedShares backend={backend} shares={unfinished} />}
          <Composer
            backend={backend}
            draftId={draftId}
            accounts={app.accounts}
            onAddAccount={() => {
              if (status.state === 'done') dismiss();
              setAdding(true);
            }}
            // The draft stays in the background: once connected again, the composer shows it.
            onReconnect={(accountId) => run(`@${accountId}`, () => backend.connect({ input: `@${accountId}` }))}
            onPostsChanged={() => setPostsVersion((n) => n + 1)}
            SharePanel={SharePanel}
            lastKnown={
              lastKnownComposer && {
                // Never an account disconnected since: the background's list is the newer one.
                state: known && app.accounts.some((a) => a.id === known.account?.id) ? known : null,
                keep: lastKnownComposer.keep,
              }
            }
          />
          {belowComposer?.(postsVersion)}
        </>
      );
    }
  }

  return (
    <>
      {notes}
      <ConnectView
        backend={backend}
        app={app}
        status={status}
        prefill={prefill}
        attempt={attempt}
        manualRun={manualRun}
        waiting={waiting}
        checkingWaiting={checkingWaiting}
        onRun={run}
        onDismiss={dismiss}
        onSignUp={setSignUpFrom}
        onCheckWaiting={checkWaiting}
        onWaitingChanged={(changed) => setWaiting((list) => list.map((a) => (a.id === changed.id ? changed : a)))}
        onCancel={() => setAdding(false)}
      />
    </>
  );
}
