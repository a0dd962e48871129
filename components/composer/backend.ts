import type { DraftSyncBackend } from '@/lib/composer/draft-sync';
import type { Subscriptions } from '@/lib/messages';

/** What the composer asks of the background (its draft sync's requests), and hears from it (every draft's changes). */
export type ComposerBackend = DraftSyncBackend & Subscriptions<'draftChanged'>;
