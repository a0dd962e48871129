import { browser } from 'wxt/browser';
import { toAccountView } from '@/lib/accounts';
import { GRANULAR_SCOPES } from '@/lib/scopes';
import { createBackgroundServices } from '@/utils/background-services';
import { onMessage } from '@/utils/messaging';

export default defineBackground(() => {
  const { accounts, connect } = createBackgroundServices();

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

  void connect.recover();
});
