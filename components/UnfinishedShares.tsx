import { useEffect, useId, useState } from 'preact/hooks';
import type { Requests, UnfinishedShare } from '@/lib/messages';
import { t } from '@/utils/i18n';

export type UnfinishedSharesBackend = Requests<'listUnfinishedShares' | 'openShareDraft'>;

/**
 * A share window closed before posting keeps its draft in the background; this is the
 * way back to it, so nothing typed there is lost with the window.
 */
export function UnfinishedShares({ backend }: { backend: UnfinishedSharesBackend }) {
  const id = useId();
  const [shares, setShares] = useState<UnfinishedShare[]>([]);

  useEffect(() => {
    // Best effort: without the list, the popup is the composer as always.
    backend.listUnfinishedShares().then(setShares, () => {});
  }, [backend]);

  if (shares.length === 0) return null;
  return (
    <section class="notice unfinished" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('unfinishedSharesTitle')}</h2>
      <ul>
        {shares.map((share) => {
          const preview = share.preview || t('unfinishedShareMedia', String(share.mediaCount));
          return (
            <li key={share.draftId}>
              <span class="preview">{preview}</span>
              <button type="button" aria-label={t('openShareLabel', preview)} onClick={() => void backend.openShareDraft({ draftId: share.draftId })}>
                {t('openShareButton')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
