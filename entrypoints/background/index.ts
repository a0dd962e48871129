import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { createBackgroundServices } from './services';
import { registerHandlers } from '@/utils/messaging';
import { openComposer, rebuildContextMenus, shareRequestFromClick, shareWith } from './share-wiring';
import { checkAccounts, toAccountView } from '@/lib/accounts';
import { listenForResumeAlarm } from './keep-alive';
import { exposeForE2E } from './e2e-hooks';
import { accountsStorage, connectStatusStorage, waitingAccountsStorage } from './storage-items';
import { writeAppStateSnapshot } from '@/utils/app-state-snapshot';
import type { AppState } from '@/lib/messages';

export default defineBackground(() => {
  const { accounts, connect, composer, edits, suggestions, admin, setAside, signUp, signIn } = createBackgroundServices();

  async function appState(): Promise<AppState> {
    const state = await accounts.read();
    return {
      accounts: state.accounts.map(toAccountView),
      defaultAccountId: state.defaultAccountId,
      connect: await connect.status(),
      redirectUri: signIn.redirectUri,
      scopes: GRANULAR_SCOPES.join(' '),
      waiting: await signUp.list(),
    };
  }
  // The popup draws this before it hears from the worker: kept current on every change.
  const refreshSnapshot = () => void appState().then(writeAppStateSnapshot);
  accountsStorage.watch(refreshSnapshot);
  connectStatusStorage.watch(refreshSnapshot);
  waitingAccountsStorage.watch(refreshSnapshot);

  registerHandlers({
    getState: async () => {
      const state = await appState();
      void writeAppStateSnapshot(state);
      return state;
    },
    connect: ({ input }) => connect.start({ input }),
    connectWithManualCredentials: ({ input, clientId, clientSecret }) => connect.start({ input, manual: { clientId, clientSecret } }),
    dismissConnectStatus: () => connect.dismiss(),
    signInRedirected: ({ url, tabId }) => signIn.arrived(url, tabId),

    getComposer: ({ draftId }) => composer.getComposer(draftId),
    updateDraft: ({ draftId, patch }) => composer.updateDraft(draftId, patch),
    selectAccount: ({ draftId, accountId }) => composer.selectAccount(draftId, accountId),
    addMedia: ({ draftId, media }) => composer.addMedia(draftId, media),
    describeMedia: ({ draftId, localId, description }) => composer.describeMedia(draftId, localId, description),
    removeMedia: ({ draftId, localId }) => composer.removeMedia(draftId, localId),
    retryMedia: ({ draftId, localId }) => composer.retryMedia(draftId, localId),
    cancelUpload: ({ draftId, localId }) => composer.cancelUpload(draftId, localId),
    post: ({ draftId, idempotencyKey, accountId }) => composer.post(draftId, idempotencyKey, accountId),
    crosspostTo: ({ draftId, accountIds }) => composer.crosspostTo(draftId, accountIds),
    undoPost: ({ draftId }) => composer.undo(draftId),
    listRecentPosts: () => edits.list(),
    openEdit: ({ accountId, statusId }) => edits.open(accountId, statusId),
    saveEdit: ({ accountId, statusId, changes }) => edits.save(accountId, statusId, changes),
    deleteAndRedraft: ({ accountId, statusId, draftId }) => edits.redraft(accountId, statusId, draftId),
    listUnfinishedShares: () => composer.unfinishedShares(),
    openShareDraft: ({ draftId }) => openComposer({ draftId }),
    suggest: ({ accountId, kind, query }) => suggestions.suggest(accountId, kind, query),
    discardShareDraft: ({ draftId }) => composer.discardShareDraft(draftId),

    setDefaultAccount: ({ accountId }) => admin.setDefault(accountId),
    refreshAccount: ({ accountId }) => admin.refresh(accountId),
    disconnect: ({ accountId }) => admin.disconnect(accountId),
    listRegistrations: () => admin.listRegistrations(),
    dropRegistration: ({ key }) => admin.dropRegistration(key),
    dropAllRegistrations: () => admin.dropAllRegistrations(),
    saveManualRegistration: ({ input, clientId, clientSecret }) =>
      connect.saveManualRegistration({ input, manual: { clientId, clientSecret } }),

    checkSignUp: ({ input }) => signUp.check(input),
    signUp: (request) => signUp.submit(request),
    getSignUpDraft: () => signUp.getDraft(),
    saveSignUpDraft: ({ draft }) => signUp.saveDraft(draft),
    checkWaitingAccounts: () => signUp.checkWaiting(),
    resendConfirmation: ({ id, email }) => signUp.resend(id, email),
    forgetWaitingAccount: ({ id }) => signUp.forget(id),
    listSetAside: () => setAside.list(),
    dismissSetAside: ({ id }) => setAside.dismiss(id),
  });

  const shareRequest = shareWith(composer);
  // Firefox for Android has neither context menus nor keyboard shortcuts (MDN, "Differences
  // between desktop and Android extensions"; browser-compat-data gives `menus` and `commands`
  // no firefox_android version): there the popup is the way in, and the worker must not
  // stop at a missing API. Detected by the feature, like the identity API (./sign-in.ts).
  const canShare = typeof browser.contextMenus?.create === 'function';
  const menusFor = (state: { accounts: { id: string }[] }) =>
    canShare ? rebuildContextMenus(state.accounts.map((a) => a.id)) : Promise.resolve();
  // Menus outlive the worker: built on install/update and browser start (Firefox drops
  // them on restart), rebuilt when accounts change; each build replaces the last.
  browser.runtime.onInstalled.addListener(async () => menusFor(await accounts.read()));
  browser.runtime.onStartup.addListener(async () => menusFor(await accounts.read()));
  // A raw change: checked like every read (the menus show account ids).
  accountsStorage.watch((raw) => void menusFor(checkAccounts(raw).value));
  const onMenuClick = (info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) => {
    const request = shareRequestFromClick(info, tab);
    if (request) void shareRequest(request);
  };
  browser.contextMenus?.onClicked.addListener(onMenuClick);
  // Test builds only: the mode is replaced at build time, so the product build drops this.
  if (import.meta.env.MODE === 'e2e') exposeForE2E({ clickContextMenu: onMenuClick });
  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== 'share-tab') return;
    const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    void shareRequest({ kind: 'page', tabId: active?.id, pageTitle: active?.title ?? '', pageUrl: active?.url ?? '' });
  });

  // An open composer holds a port while work is under way: when this worker stops, the
  // port breaks and the page knows to ask again (which starts the worker). Kept open here.
  browser.runtime.onConnect.addListener(() => undefined);
  listenForResumeAlarm();

  void connect.recover();
  // Before any message is answered: what a stopped worker left behind is sorted out first.
  void composer.recover().then(() => composer.pruneEmptyShareDrafts());
});
