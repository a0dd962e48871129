import { browser } from 'wxt/browser';
import { toAccountView } from '@/lib/accounts';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { createBackgroundServices } from '@/utils/background-services';
import { onMessage } from '@/utils/messaging';

export default defineBackground(() => {
  const { accounts, connect, composer, admin } = createBackgroundServices();

  onMessage('getState', async () => {
    const state = await accounts.read();
    return {
      accounts: state.accounts.map(toAccountView),
      defaultAccountId: state.defaultAccountId,
      connect: await connect.status(),
      redirectUri: browser.identity.getRedirectURL(),
      scopes: GRANULAR_SCOPES.join(' '),
    };
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

  onMessage('setDefaultAccount', ({ data }) => admin.setDefault(data.accountId));
  onMessage('refreshAccount', ({ data }) => admin.refresh(data.accountId));
  onMessage('disconnect', ({ data }) => admin.disconnect(data.accountId));
  onMessage('listRegistrations', () => admin.listRegistrations());
  onMessage('dropRegistration', ({ data }) => admin.dropRegistration(data.key));
  onMessage('dropAllRegistrations', () => admin.dropAllRegistrations());

  void connect.recover();
});
