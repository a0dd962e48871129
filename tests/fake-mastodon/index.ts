export { startFakeMastodon } from './server.ts';
export { authorizeLikeBrowser } from './authorize-like-browser.ts';
export type {
  Fault,
  FakeMastodon,
  FakeMastodonOptions,
  Limits,
  LoggedRequest,
  MediaAttachmentEntity,
  MediaType,
  PresetUser,
  Privacy,
  PublicApp,
  StoredMedia,
} from './types.ts';
