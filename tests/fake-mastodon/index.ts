export { startFakeMastodon } from './server.ts';
export { startFakeMastodons, statusesPerServer } from './several.ts';
export { authorizeLikeBrowser } from './authorize-like-browser.ts';
export type {
  DialectName,
  Fault,
  FakeMastodon,
  FakeMastodonOptions,
  Limits,
  LoggedRequest,
  MediaAttachmentEntity,
  MediaType,
  PollEntity,
  PresetUser,
  Privacy,
  PublicApp,
  SentEmail,
  SignUpSettings,
  ScheduledStatusEntity,
  StatusEntity,
  StoredMedia,
  StoredStatus,
} from './types.ts';
