import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { toAccountView } from '@/lib/accounts';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { createBackgroundServices } from './services';
import { onMessage } from '@/utils/messaging';
import { openComposer, rebuildContextMenus, shareRequestFromClick, shareWith } from './share-wiring';
import { accountsItem, connectStatusItem } from './storage-items';
import { writeAppStateSnapshot } from '@/utils/app-state-snapshot';
import type { AppState } from '@/lib/messages';

export default defineBackground(() => {
  const { accounts, connect, composer, admin } = createBackgroundServices();

  async function appState(): Promise<AppState> {
    const state = await accounts.read();
    return {
      accounts: state.accounts.map(toAccountView),
      defaultAccountId: state.defaultAccountId,
      connect: await connect.status(),
      redirectUri: browser.identity.getRedirectURL(),
      scopes: GRANULAR_SCOPES.join(' '),
    };
  }
  // The popup draws this before it hears from the worker: kept current on every change.
  const refreshSnapshot = () => void appState().then(writeAppStateSnapshot);
  accountsItem.watch(refreshSnapshot);
  connectStatusItem.watch(refreshSnapshot);

  onMessage('getState', async () => {
    const state = await appState();
    void writeAppStateSnapshot(state);
    return state;
  });
  onMessage('connect', ({ data }) => connect.start({ input: data.input }));
  onMessage('connectWithManualCredentials', ({ data }) =>
    connect.start({ input: data.input, manual: { clientId: data.clientId, clientSecret: data.clientSecret } }),
  );
  onMessage('dismissConnectStatus', () => connect.dismiss());

  onMessage('getComposer', ({ data }) => composer.getComposer(data.draftId));
  onMessage('updateDraft', ({ data }) => composer.updateDraft(data.draftId, data.patch));
  onMessage('selectAccount', ({ data }) => composer.selectAccount(data.draftId, data.accountId));
  onMessage('addMedia', ({ data }) => composer.addMedia(data.draftId, data.media));
  onMessage('describeMedia', ({ data }) => composer.describeMedia(data.draftId, data.localId, data.description));
  onMessage('removeMedia', ({ data }) => composer.removeMedia(data.draftId, data.localId));
  onMessage('retryMedia', ({ data }) => composer.retryMedia(data.draftId, data.localId));
  onMessage('post', ({ data }) => composer.post(data.draftId));
  onMessage('listUnfinishedShares', () => composer.unfinishedShares());
  onMessage('openShareDraft', ({ data }) => openComposer({ draftId: data.draftId }));

  onMessage('setDefaultAccount', ({ data }) => admin.setDefault(data.accountId));
  onMessage('refreshAccount', ({ data }) => admin.refresh(data.accountId));
  onMessage('disconnect', ({ data }) => admin.disconnect(data.accountId));
  onMessage('listRegistrations', () => admin.listRegistrations());
  onMessage('dropRegistration', ({ data }) => admin.dropRegistration(data.key));
  onMessage('dropAllRegistrations', () => admin.dropAllRegistrations());
  onMessage('saveManualRegistration', ({ data }) =>
    connect.saveManualRegistration({ input: data.input, manual: { clientId: data.clientId, clientSecret: data.clientSecret } }),
  );

  const shareRequest = shareWith(composer);
  const menusFor = (state: { accounts: { id: string }[] }) => rebuildContextMenus(state.accounts.map((a) => a.id));
  // Menus outlive the worker: built on install/update and browser start (Firefox drops
  // them on restart), rebuilt when accounts change; each build replaces the last.
  browser.runtime.onInstalled.addListener(async () => menusFor(await accounts.read()));
  browser.runtime.onStartup.addListener(async () => menusFor(await accounts.read()));
  accountsItem.watch((state) => void menusFor(state));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const request = shareRequestFromClick(info, tab);
    if (request) void shareRequest(request);
  });
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'share-tab') return;
    const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    void shareRequest({ kind: 'page', pageTitle: active?.title ?? '', pageUrl: active?.url ?? '' });
  });

  void connect.recover();
  void composer.pruneEmptyShareDrafts();
});
