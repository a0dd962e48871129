import type { DraftVisibility } from '@/lib/composer/draft';
import { t, type MessageKey } from '@/utils/i18n';

/*
 * Who may see a post, in words: the composer's toolbar menu (at rest) and the selects
 * (VisibilitySelect: options page, a thread's replies) list the same choices.
 */

/**
 * Mastodon's own words for its four levels (its web app's privacy menu), widest audience
 * first as there: the same names everywhere a person picks one.
 */
const LABELS: Record<DraftVisibility, MessageKey> = {
  public: 'visibilityPublic',
  unlisted: 'visibilityUnlisted',
  private: 'visibilityPrivate',
  // GoToSocial's mutuals-only, offered only where the server has it.
  mutuals_only: 'visibilityMutualsOnly',
  direct: 'visibilityDirect',
};

/** The one line under each name in Mastodon's privacy menu. */
const DESCRIPTIONS: Record<DraftVisibility, MessageKey> = {
  public: 'visibilityPublicDescription',
  unlisted: 'visibilityUnlistedDescription',
  private: 'visibilityPrivateDescription',
  mutuals_only: 'visibilityMutualsOnlyDescription',
  direct: 'visibilityDirectDescription',
};

/** One choice of who may see a post, as a menu shows it. */
export interface VisibilityChoice<V extends string = DraftVisibility> {
  value: V;
  label: string;
  description: string;
}

/**
 * The server's levels as data, widest audience first: Mastodon's four, and GoToSocial's
 * mutuals-only where the server has it. Every picker (menu or select) lists these.
 */
export function visibilityChoices(mutualsOnly = false): VisibilityChoice[] {
  return (Object.keys(LABELS) as DraftVisibility[])
    .filter((value) => value !== 'mutuals_only' || mutualsOnly)
    .map((value) => ({ value, label: t(LABELS[value]), description: t(DESCRIPTIONS[value]) }));
}
