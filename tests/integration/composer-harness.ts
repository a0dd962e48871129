import { memoryBlobStore } from '@/lib/composer/blob-store';
import type { Draft } from '@/lib/composer/draft';
import { createInstanceCache } from '@/lib/composer/instance-limits';
import { createComposerService, type ComposerPreferences } from '@/lib/composer/service';
import type { DraftId } from '@/lib/messages';
import { draftsItem, instancesItem } from '@/entrypoints/background/storage-items';
import type { FakeMastodon } from '../fake-mastodon/index';
import { connectHarness } from './connect-harness';

/** A tiny real PNG (1×1), as a data: URL like the popup sends. */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const png = (fileName = 'cat.png') => ({ fileName, mimeType: 'image/png', size: 70, dataUrl: PNG_DATA_URL });

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
  const make = () =>
    createComposerService({
      drafts: draftsItem,
      accounts: connection.accounts,
      instances: createInstanceCache(instancesItem, fetch),
      files,
      fetch: composerFetch,
      newId: () => crypto.randomUUID(),
      uiLanguage: () => 'en-GB',
      preferences,
      broadcast: (draftId, draft) => broadcasts.push({ draftId, draft }),
      uploadTiming: { pollMs: 20, maxPollMs: 50 },
      timeoutMs: 1000,
    });
  return { connection, composer: make(), reopen: make, broadcasts, files };
}

/** Resolves once every attachment of the draft is ready (or one failed). */
export async function settled(composer: ReturnType<typeof createComposerService>, draftId: DraftId = 'popup'): Promise<Draft> {
  for (let i = 0; i < 200; i++) {
    const { draft } = await composer.getComposer(draftId);
    if (draft.media.every((m) => m.state === 'ready' || m.state === 'failed')) return draft;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('uploads did not settle');
}
