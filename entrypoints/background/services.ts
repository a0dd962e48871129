import { browser } from 'wxt/browser';
import { createAccountAdmin } from '@/lib/account-admin';
import { createAccountStore } from '@/lib/accounts';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { createComposerService } from '@/lib/composer/service';
import { createEditService, createRecentPosts } from '@/lib/composer/edit';
import { createSuggestionService } from '@/lib/composer/suggestions';
import { createConnectService } from '@/lib/connect/service';
import { registerFedipost } from '@/lib/fedipost-app';
import type { ConnectStatus, SetAsideNote } from '@/lib/messages';
import { createRegistrationCache } from '@/lib/registrations';
import { createSignUpService } from '@/lib/signup/service';
import { createWaitingStore } from '@/lib/signup/waiting';
import { sendMessage } from '@/utils/messaging';
import { idbBlobStore } from '@/utils/idb-blob-store';
import { offscreenUploadTransport } from '@/utils/offscreen-uploads';
import { xhrUploadTransport } from '@/utils/xhr-upload';
import { keepAliveWhileBusy } from './keep-alive';
import { createSignInWindow } from './sign-in';
import { readSettings } from '@/utils/settings-item';
import {
  accountsItem,
  connectStatusItem,
  draftsItem,
  instancesItem,
  pendingFlowsItem,
  postedItem,
  recentLanguagesItem,
  recentPostsItem,
  registrationsItem,
  signUpDraftItem,
  waitingAccountsItem,
  setAsideLog,
  undoItem,
} from './storage-items';

/** The background's services, wired to the real browser and network. */
export function createBackgroundServices() {
  const fetch = globalThis.fetch.bind(globalThis);
  const signIn = createSignInWindow();
  const registrations = createRegistrationCache(registrationsItem, registerFedipost(fetch));
  const accounts = createAccountStore(accountsItem);
  // One cache: a connect's instance answer also gives the composer its limits.
  const instances = createInstanceCache(instancesItem, fetch);
  const connect = createConnectService({
    fetch,
    redirectUri: signIn.redirectUri,
    launchAuthFlow: signIn.launchAuthFlow,
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
  const recentPosts = createRecentPosts(recentPostsItem);
  const composer = createComposerService({
    drafts: draftsItem,
    accounts,
    instances,
    recentLanguages: recentLanguagesItem,
    files: idbBlobStore,
    fetch,
    // Firefox's background is a page (XMLHttpRequest is there); Chrome's a service worker,
    // with the offscreen permission (wxt.config.ts). Decided per build, as the manifest is,
    // so each build's background carries only its own transport.
    uploads: import.meta.env.FIREFOX ? xhrUploadTransport(idbBlobStore) : offscreenUploadTransport(),
    posted: postedItem,
    undo: undoItem,
    recentPosts,
    busy: keepAliveWhileBusy(),
    newId: () => crypto.randomUUID(),
    uiLanguage: () => browser.i18n.getUILanguage(),
    preferences: readSettings,
    broadcast: (draftId, draft) => {
      sendMessage('draftChanged', { draftId, draft }).catch(() => undefined);
    },
    broadcastProgress: (draftId, localId, { sent, total }, accountId) => {
      sendMessage('uploadProgress', { draftId, localId, sent, total, accountId }).catch(() => undefined);
    },
  });
  const edits = createEditService({ accounts, instances, fetch, recent: recentPosts, composer });
  const profileOf = async (origin: string) => (await instances.limitsFor(origin)).profile;
  const suggestions = createSuggestionService({ accounts, instances, fetch });
  const admin = createAccountAdmin({ accounts, registrations, fetch, profileOf });
  const setAside = {
    /** Notes about stored entries set aside, for the popup and the options page. */
    async list(): Promise<SetAsideNote[]> {
      // Reading each checked item notes any damage first, whichever surface asks.
      await Promise.all([accountsItem.getValue(), registrationsItem.getValue(), draftsItem.getValue()]);
      return (await setAsideLog.list()).map(({ id, item, key, label, text, at }) => ({ id, item, whole: key === '', label, text, at }));
    },
    dismiss: (id: string) => setAsideLog.dismiss(id),
  };
  const signUp = createSignUpService({
    fetch,
    redirectUri: signIn.redirectUri,
    registrations,
    accounts,
    waiting: createWaitingStore(waitingAccountsItem),
    draft: signUpDraftItem,
    uiLanguage: () => browser.i18n.getUILanguage(),
    openTab: async (url) => {
      await browser.tabs.create({ url });
    },
    profileOf,
  });
  return { registrations, accounts, connect, composer, edits, suggestions, admin, setAside, signUp, signIn };
}

/** The popup closes during sign-in; the badge tells the person the outcome is waiting. */
async function showOutcomeBadge(status: ConnectStatus): Promise<void> {
  const text = status.state === 'done' ? '✓' : status.state === 'failed' ? '!' : '';
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: status.state === 'done' ? '#1a7f37' : '#b42318' });
}
