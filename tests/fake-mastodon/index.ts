export { startFakeMastodon } from './server.ts';
export { authorizeLikeBrowser } from './authorize-like-browser.ts';
export type { Fault, FakeMastodon, FakeMastodonOptions, Limits, LoggedRequest, PresetUser, Privacy, PublicApp } from './types.ts';
