import type { PopupBackend } from '@/components/Popup';
import { onMessage, sendMessage } from '@/utils/messaging';

/** The popup's and the compose window's requests, each one message of the protocol. */
export const backend: PopupBackend = {
  getState: () => sendMessage('getState'),
  connect: (input) => sendMessage('connect', { input }),
  connectWithManualCredentials: (credentials) => sendMessage('connectWithManualCredentials', credentials),
  dismissConnectStatus: () => sendMessage('dismissConnectStatus'),
  onConnectStatusChanged: (listener) => onMessage('connectStatusChanged', ({ data }) => listener(data)),
  getComposer: (data) => sendMessage('getComposer', data),
  updateDraft: (data) => sendMessage('updateDraft', data),
  selectAccount: (data) => sendMessage('selectAccount', data),
  addMedia: (data) => sendMessage('addMedia', data),
  describeMedia: (data) => sendMessage('describeMedia', data),
  removeMedia: (data) => sendMessage('removeMedia', data),
  retryMedia: (data) => sendMessage('retryMedia', data),
  post: (data) => sendMessage('post', data),
  onDraftChanged: (listener) => onMessage('draftChanged', ({ data }) => listener(data)),
  listUnfinishedShares: () => sendMessage('listUnfinishedShares'),
  openShareDraft: (draftId) => sendMessage('openShareDraft', { draftId }),
};
