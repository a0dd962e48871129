import { useEffect, useState } from 'preact/hooks';
import type { DraftId, Subscriptions } from '@/lib/messages';

/**
 * Bytes sent of each upload under way for one draft, as the background reports them:
 * keyed by the media's local id, or by "accountId localId" when cross-posting (each
 * account's server has its own upload of the file).
 */
export function useUploadProgress(backend: Subscriptions<'uploadProgress'>, draftId: DraftId) {
  const [progress, setProgress] = useState<Record<string, { sent: number; total: number }>>({});
  useEffect(
    () =>
      backend.onUploadProgress(({ draftId: of, localId, sent, total, accountId }) => {
        const key = accountId ? `${accountId} ${localId}` : localId;
        if (of === draftId) setProgress((shown) => ({ ...shown, [key]: { sent, total } }));
      }),
    [backend, draftId],
  );
  return progress;
}
