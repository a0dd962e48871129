import type { DraftSyncBackend } from '@/lib/composer/draft-sync';
import type { Requests, Subscriptions } from '@/lib/messages';

/** What the composer does itself, without the background: utils/composer-extras.ts. */
export interface ComposerExtras {
  /** Puts a picked file into the extension's file store; resolves with its id. */
  storeFile(file: Blob): Promise<string>;
  /** Takes a stored file out again (the background never got it). */
  discardFile(fileId: string): Promise<void>;
  /**
   * Calls `listener` when the background was stopped (and has been woken again): what it
   * was doing may have been cut off, so the page asks for the draft anew.
   */
  onBackgroundRestart(listener: () => void): () => void;
}

/**
 * What the composer asks of the background (its draft sync's requests, suggestions for
 * the text box), hears from it (every draft's changes, upload progress), and does itself
 * (the file store).
 */
export type ComposerBackend = DraftSyncBackend & Requests<'suggest'> & Subscriptions<'draftChanged' | 'uploadProgress'> & ComposerExtras;
