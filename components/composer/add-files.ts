import type { ComposerProblem } from '@/lib/composer/rules';
import { checkNewMedia } from '@/lib/composer/media-check';
import { t } from '@/utils/i18n';
import type { ComposerExtras } from './backend';
import type { useDraftSync } from './useDraftSync';

/** What attaching files changes in the composer (useMediaAdding). */
export interface AddFilesContext {
  sync: ReturnType<typeof useDraftSync>;
  store: Pick<ComposerExtras, 'storeFile' | 'discardFile'>;
  /** Shows why a file was not attached, in words. */
  refuseFor(problem: ComposerProblem): Promise<void>;
  refuse(sentence: string): void;
  /** One more (1) or one fewer (-1) file being read or sent to the background. */
  adding(change: 1 | -1): void;
  /** A picked image's local thumbnail, until the server has a preview. */
  preview(localId: string, url: string): void;
}

/**
 * Attaches files one by one, each checked against the instance's limits first: a refused
 * file never leaves the machine. Loaded with the first file attached (docs/architecture.md,
 * "What loads at rest").
 */
export async function addFiles(files: File[], context: AddFilesContext): Promise<void> {
  const { sync, store } = context;
  for (const file of files) {
    const current = sync.draft();
    if (!current || !sync.composer) return;
    const problem = checkNewMedia(file, current, sync.composer.limits);
    if (problem) {
      await context.refuseFor(problem);
      continue;
    }
    context.adding(1);
    let fileId: string | null = null;
    try {
      // The file goes to the extension's file store from here; only its id travels.
      fileId = await store.storeFile(file);
      const added = await sync.addMedia({ fileName: file.name, mimeType: file.type, size: file.size, fileId });
      const { localId } = added;
      if (added.problem) await context.refuseFor(added.problem);
      else if (localId && file.type.startsWith('image/')) context.preview(localId, URL.createObjectURL(file));
    } catch {
      if (fileId) void store.discardFile(fileId).catch(() => undefined);
      context.refuse(t('mediaAddFailed', file.name));
    } finally {
      context.adding(-1);
    }
  }
}
