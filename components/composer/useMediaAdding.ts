import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComposerProblem } from '@/lib/composer/rules';
import { t } from '@/utils/i18n';
import type { ComposerExtras } from './backend';
import type { useDraftSync } from './useDraftSync';

/** Whether a drag carries files (not text or a link). */
export const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Attaching files (picked, pasted or dropped) and taking them off again: each file is
 * checked against the instance's limits before it is stored (add-files.ts), the refusals
 * are kept to show, and a picked image has a local thumbnail until the server has a preview.
 */
export function useMediaAdding(sync: ReturnType<typeof useDraftSync>, store: Pick<ComposerExtras, 'storeFile' | 'discardFile'>) {
  /** Why files were not attached, one sentence each. */
  const [refusals, setRefusals] = useState<string[]>([]);
  const [adding, setAdding] = useState(0);
  const [dropping, setDropping] = useState(false);
  /** Object URLs of files picked here: thumbnails until the server has a preview. */
  const [localPreviews, setLocalPreviews] = useState<Record<string, string>>({});
  const previewUrls = useRef(localPreviews);
  previewUrls.current = localPreviews;

  useEffect(() => () => Object.values(previewUrls.current).forEach((url) => URL.revokeObjectURL(url)), []);

  function refuse(sentence: string) {
    setRefusals((shown) => (shown.includes(sentence) ? shown : [...shown, sentence]));
  }

  /** A file's problem, in words: the wording loads with the first refusal (folded.tsx). */
  const refuseFor = (problem: ComposerProblem) =>
    import('./problems').then(
      (wording) => refuse(wording.problemText(problem)),
      () => refuse(t('partLoadFailed')),
    );

  /** Attaches files (add-files.ts, loaded with the first one: the file chooser opens from the click itself). */
  async function addFiles(files: File[]) {
    setRefusals([]);
    const adding = await import('./add-files').catch(() => null);
    if (!adding) return refuse(t('partLoadFailed'));
    await adding.addFiles(files, {
      sync,
      store,
      refuseFor,
      refuse,
      adding: (change) => setAdding((n) => n + change),
      preview: (localId, url) => setLocalPreviews((previews) => ({ ...previews, [localId]: url })),
    });
  }

  return {
    refusals,
    /** Files being read or sent to the background. */
    adding: adding > 0,
    localPreviews,
    addFiles,
    clearRefusals: () => setRefusals([]),

    removeMedia(localId: string) {
      const url = localPreviews[localId];
      if (url) URL.revokeObjectURL(url);
      setLocalPreviews(({ [localId]: _, ...rest }) => rest);
      void sync.remove(localId);
    },

    /** The draft was posted: its thumbnails go with it. */
    forgetPreviews() {
      Object.values(localPreviews).forEach((url) => URL.revokeObjectURL(url));
      setLocalPreviews({});
    },

    /** Files dragged over the composer: `dropping` outlines it. */
    dropping,
    dropTarget: {
      onDragOver(event: DragEvent) {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDropping(true);
      },
      onDragLeave(event: DragEvent) {
        if (!(event.currentTarget as Node).contains(event.relatedTarget as Node | null)) setDropping(false);
      },
      onDrop(event: DragEvent) {
        if (!hasFiles(event)) return;
        // Else the browser would open the file in place of the popup.
        event.preventDefault();
        setDropping(false);
        void addFiles([...(event.dataTransfer?.files ?? [])]);
      },
    },
  };
}
