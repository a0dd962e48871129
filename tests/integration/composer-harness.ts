import { memoryBlobStore } from '@/lib/composer/blob-store';
import type { Draft } from '@/lib/composer/draft';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import type { ComposerPreferences } from '@/lib/composer/deps';
import { createComposerService } from '@/lib/composer/service';
import type { DraftId } from '@/lib/messages';
import { createRecentPosts } from '@/lib/composer/edit';
import { draftsItem, instancesItem, postedItem, recentPostsItem, undoItem } from '@/entrypoints/background/storage-items';
import { blobFromBase64 } from '../helpers/blob';
import { fetchUploadTransport } from '../helpers/fetch-upload-transport';
import type { UploadTransport } from '@/lib/mastodon/upload-transport';
import type { FakeMastodon } from '../fake-mastodon/index';
import { connectHarness } from './connect-harness';

/** A tiny real PNG (1×1). */
export const PNG = blobFromBase64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'image/png',
);

/**
 * The background's composer over the real storage items (fake browser) and real HTTP
 * to the test server, with an account connected through the real connect flow.
 */
export async function composerHarness(
  server: FakeMastodon,
  username = 'alice',
  preferences?: () => Promise<ComposerPreferences>,
  /** What the composer posts through (default: the real fetch). */
  composerFetch: typeof fetch = fetch,
) {
  const connection = connectHarness({ username });
  await connection.service.start({ input: server.origin });
  const files = memoryBlobStore();
  const broadcasts: Array<{ draftId: DraftId; draft: Draft }> = [];
  /** Bytes sent, per upload (`accountId`: a cross-posted account's own upload). */
  const progress: Array<{ localId: string; sent: number; total: number; accountId?: string }> = [];
  let life = mortal(composerFetch);
  const recentPosts = createRecentPosts(recentPostsItem);
  /** `processingTimeoutMs`: how long it waits for the server to process a file (default: the product's). */
  const make = (options: { uploadStallMs?: number; processingTimeoutMs?: number } = {}) => {
    life = mortal(composerFetch);
    return createComposerService({
      drafts: draftsItem,
      accounts: connection.accounts,
      instances: createInstanceCache(instancesItem, fetch),
      files,
      fetch: life.fetch,
      uploads: life.transport(fetchUploadTransport(files)),
      posted: postedItem,
      undo: undoItem,
      recentPosts,
      newId: () => crypto.randomUUID(),
      uiLanguage: () => 'en-GB',
      preferences,
      broadcast: (draftId, draft) => broadcasts.push({ draftId, draft }),
      broadcastProgress: (_, localId, sent, accountId) => progress.push({ localId, ...sent, ...(accountId ? { accountId } : {}) }),
      uploadTiming: { pollMs: 20, maxPollMs: 50, processingTimeoutMs: options.processingTimeoutMs },
      uploadStallMs: options.uploadStallMs,
      timeoutMs: 1000,
    });
  };
  /**
   * The service worker stops: everything the running service was waiting for never comes
   * back to it (its uploads are cut off, as the offscreen document does when its port
   * breaks), though requests already sent still reach the server. Then the worker starts
   * again: a new service over the same storage, recovering first.
   */
  async function restart(options: { uploadStallMs?: number } = {}) {
    life.kill();
    const composer = make(options);
    await composer.recover();
    return composer;
  }
  /** A file as the page hands it over: put in the file store, only its id sent. */
  async function file(fileName = 'cat.png', blob: Blob = PNG, mimeType = blob.type) {
    const fileId = crypto.randomUUID();
    await files.put(fileId, blob);
    return { fileName, mimeType, size: blob.size, fileId };
  }
  return { connection, composer: make(), reopen: make, restart, broadcasts, progress, files, file, recentPosts };
}

/** A worker's life: its fetch (over `base`) and upload transport stop answering once it is killed. */
function mortal(base: typeof fetch) {
  let alive = true;
  const killed = new AbortController();
  const hang = () => new Promise<never>(() => undefined);
  const fetchUntilKilled: typeof fetch = (input, init) =>
    base(input, init).then(
      (response) => (alive ? response : hang()),
      (error: unknown) => (alive ? Promise.reject(error) : hang()),
    );
  return {
    fetch: fetchUntilKilled,
    transport: (transport: UploadTransport): UploadTransport => (request, { signal, onProgress }) =>
      transport(request, { signal: AbortSignal.any([signal, killed.signal]), onProgress: (p) => alive && onProgress(p) }).then(
        (answer) => (alive ? answer : hang()),
        (error: unknown) => (alive ? Promise.reject(error) : hang()),
      ),
    kill() {
      alive = false;
      killed.abort();
    },
  };
}

/** Resolves once every attachment of the draft is ready (or one failed). */
export async function settled(composer: ReturnType<typeof createComposerService>, draftId: DraftId = 'popup', timeoutMs = 2000): Promise<Draft> {
  for (let i = 0; i < timeoutMs / 10; i++) {
    const { draft } = await composer.getComposer(draftId);
    if (draft.media.every((m) => m.state === 'ready' || m.state === 'failed')) return draft;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('uploads did not settle');
}

/** alice and bob on `a`, carol on `other`, all connected; the composer's draft is alice's. */
export async function threeAccounts(a: FakeMastodon, other: FakeMastodon) {
  const harness = await composerHarness(a, 'alice');
  await connectHarness({ username: 'bob' }).service.start({ input: a.origin });
  await connectHarness({ username: 'carol' }).service.start({ input: other.origin });
  return { ...harness, ids: { alice: `alice@${a.host}`, bob: `bob@${a.host}`, carol: `carol@${other.host}` } };
}
