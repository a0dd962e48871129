import type { DraftSyncBackend } from '@/lib/composer/draft-sync';
import type { Requests, Subscriptions } from '@/lib/messages';

/**
 * What the composer asks of the background (its draft sync's requests, suggestions for
 * the text box), and hears from it (every draft's changes).
 */
export type ComposerBackend = DraftSyncBackend & Requests<'suggest'> & Subscriptions<'draftChanged'>;
