import type { AccountStore } from '../accounts';
import type { UploadProgress, UploadTransport } from '../mastodon/upload-transport';
import type { DraftId } from '../messages';
import type { Settings } from '../settings';
import type { StoredValue } from '../stored-value';
import type { BlobStore } from './blob-store';
import type { Draft, DraftMap } from './draft';
import type { RecentPosts } from './edit';
import type { InstanceCache } from './instance-limits';
import type { PostedMap } from './posted';
import type { UndoMap } from './undo-store';
import type { UploadTiming } from './upload';

/*
 * What the composer service (service.ts) is made of, and the parts it wires in
 * (media-uploads.ts, undo.ts, share-drafts.ts) take their share of: apart from the
 * service, so that those parts need not import it.
 */

export type ComposerPreferences = Pick<
  Settings,
  'defaultVisibility' | 'defaultLanguage' | 'counterStyle' | 'defaultLocalOnly' | 'defaultFormat' | 'altTextReminder'
> &
  Partial<Pick<Settings, 'undoSeconds' | 'crosspostDefault'>>;

export interface ComposerDeps {
  drafts: StoredValue<DraftMap>;
  accounts: AccountStore;
  instances: InstanceCache;
  /** Files of drafts; the UI puts picked files here itself and sends only their id. */
  files: BlobStore;
  fetch: typeof globalThis.fetch;
  /** Sends media files with progress (see UploadTransport). */
  uploads: UploadTransport;
  /** Overrides UPLOAD_STALL_MS (tests). */
  uploadStallMs?: number;
  /** Outcomes of recent posts, by Idempotency-Key. */
  posted: StoredValue<PostedMap>;
  /** Posts that Undo can still take back. */
  undo: StoredValue<UndoMap>;
  /** The popup's list of posts made here (lib/composer/edit.ts): each post joins it, an undone one leaves it. */
  recentPosts?: Pick<RecentPosts, 'posted' | 'removed'>;
  /** Random ids: Idempotency-Keys and local media ids. */
  newId(): string;
  now?(): number;
  uiLanguage(): string;
  /** The options page's choices: what a new draft starts from, how the counter reads. */
  preferences?(): Promise<ComposerPreferences>;
  /** Languages of the latest posts, latest first. */
  recentLanguages?: StoredValue<string[]>;
  /** Tells open surfaces that a draft changed on its own (upload progress). */
  broadcast(draftId: DraftId, draft: Draft): void;
  /** Bytes of an upload under way (cross-posting: to `accountId`'s server); not stored (too frequent), only shown. */
  broadcastProgress?(draftId: DraftId, localId: string, progress: UploadProgress, accountId?: string): void;
  /**
   * Work under way (uploads, processing waits, posts) or none left: the background keeps
   * itself alive meanwhile, and is woken to resume if it was stopped anyway.
   */
  busy?(working: boolean): void;
  uploadTiming?: UploadTiming;
  timeoutMs?: number;
}
