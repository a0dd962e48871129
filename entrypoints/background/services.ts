import { browser } from 'wxt/browser';
import { createAccountAdmin } from '@/lib/account-admin';
import { createAccountStore } from '@/lib/accounts';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { createComposerService } from '@/lib/composer/service';
import { createConnectService } from '@/lib/connect/service';
import { registerFedipost } from '@/lib/fedipost-app';
import type { ConnectStatus, SetAsideNote } from '@/lib/messages';
import { createRegistrationCache } from '@/lib/registrations';
import { sendMessage } from '@/utils/messaging';
import { idbBlobStore } from '@/utils/idb-blob-store';
import { offscreenUploadTransport } from '@/utils/offscreen-uploads';
import { xhrUploadTransport } from '@/utils/xhr-upload';
import { keepAliveWhileBusy } from './keep-alive';
import { readSettings } from '@/utils/settings-item';
import {
  accountsItem,
  connectStatusItem,
  draftsItem,
  instancesItem,
  pendingFlowsItem,
  postedItem,
  registrationsItem,
  setAsideLog,
  undoItem,
} from './storage-items';

/** The background's services, wired to the real browser and network. */
export function createBackgroundServices() {
  const fetch = globalThis.fetch.bind(globalThis);
  const registrations = createRegistrationCache(registrationsItem, registerFedipost(fetch));
  const accounts = createAccountStore(accountsItem);
  // One cache: a connect's instance answer also gives the composer its limits.
  const instances = createInstanceCache(instancesItem, fetch);
  const connect = createConnectService({
    fetch,
    redirectUri: browser.identity.getRedirectURL(),
    launchAuthFlow: async (url) => {
      const redirected = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!redirected) throw new Error('The sign-in window returned nothing.');
      return redirected;
    },
    registrations,
    instances,
    accounts,
    pendingFlows: pendingFlowsItem,
    status: connectStatusItem,
    broadcast: (status) => {
      void showOutcomeBadge(status);
      // No open popup or options page is the normal case, not an error.
      sendMessage('connectStatusChanged', status).catch(() => undefined);
    },
  });
  const composer = createComposerService({
    drafts: draftsItem,
    accounts,
    instances,
    files: idbBlobStore,
    fetch,
    // Firefox's background is a page (XMLHttpRequest is there); Chrome's a service worker.
    uploads: typeof XMLHttpRequest === 'function' ? xhrUploadTransport(idbBlobStore) : offscreenUploadTransport(),
    posted: postedItem,
    undo: undoItem,
    busy: keepAliveWhileBusy(),
    newId: () => crypto.randomUUID(),
    uiLanguage: () => browser.i18n.getUILanguage(),
    preferences: readSettings,
    broadcast: (draftId, draft) => {
      sendMessage('draftChanged', { draftId, draft }).catch(() => undefined);
    },
    broadcastProgress: (draftId, localId, { sent, total }) => {
      sendMessage('uploadProgress', { draftId, localId, sent, total }).catch(() => undefined);
    },
  });
  const admin = createAccountAdmin({
    accounts,
    registrations,
    fetch,
    profileOf: async (origin) => (await instances.limitsFor(origin)).profile,
  });
  const setAside = {
    /** Notes about stored entries set aside, for the popup and the options page. */
    async list(): Promise<SetAsideNote[]> {
      // Reading each checked item notes any damage first, whichever surface asks.
      await Promise.all([accountsItem.getValue(), registrationsItem.getValue(), draftsItem.getValue()]);
      return (await setAsideLog.list()).map(({ id, item, key, label, text, at }) => ({ id, item, whole: key === '', label, text, at }));
    },
    dismiss: (id: string) => setAsideLog.dismiss(id),
  };
  return { registrations, accounts, connect, composer, admin, setAside };

}

/** The popup closes during sign-in; the badge tells the person the outcome is waiting. */
async function showOutcomeBadge(status: ConnectStatus): Promise<void> {
  const text = status.state === 'done' ? '✓' : status.state === 'failed' ? '!' : '';
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: status.state === 'done' ? '#1a7f37' : '#b42318' });
}
