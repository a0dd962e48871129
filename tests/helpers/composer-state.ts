import type { Draft } from '@/lib/composer/draft';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import type { AccountView, ComposerState } from '@/lib/messages';
import { MASTODON_PROFILE } from '@/lib/server-profile';

/** The toolbar popup's composer showing `draft` for `account`, as the background answers it (Mastodon's defaults). */
export const composerShowing = (account: AccountView, draft: Draft, patch: Partial<ComposerState> = {}): ComposerState => ({
  draftId: 'popup',
  quotes: false,
  draft,
  account,
  limits: DEFAULT_LIMITS,
  limitsAreDefaults: false,
  server: MASTODON_PROFILE,
  uiLanguage: 'en',
  counterStyle: 'remaining',
  undoUntil: null,
  recentLanguages: [],
  altTextReminder: true,
  servers: [],
  ...patch,
});
