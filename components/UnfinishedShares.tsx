import { useId, useState } from 'preact/hooks';
import type { DraftId, Requests, UnfinishedShare } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { InlineConfirm } from './InlineConfirm';
import './UnfinishedShares.css';

export type UnfinishedSharesBackend = Requests<'listUnfinishedShares' | 'openShareDraft' | 'discardShareDraft'>;

export interface UnfinishedSharesProps {
  backend: UnfinishedSharesBackend;
  /** The shares as the background listed them (useListed). */
  shares: UnfinishedShare[];
}

/**
 * A share window closed before posting keeps its draft in the background; this is the
 * way back to it, so nothing typed there is lost with the window — or the way to let it
 * go for good (after asking: a discarded draft can't come back).
 */
export function UnfinishedShares({ backend, shares: listed }: UnfinishedSharesProps) {
  const id = useId();
  const [shares, setShares] = useState(listed);
  const [asking, setAsking] = useState<DraftId | null>(null);
  const [discarding, setDiscarding] = useState(false);

  async function discard(draftId: DraftId) {
    setDiscarding(true);
    try {
      await backend.discardShareDraft({ draftId });
      setShares((list) => list.filter((share) => share.draftId !== draftId));
    } catch {
      // Nothing was deleted that the list doesn't show: it stays, and may be tried again.
    } finally {
      setDiscarding(false);
      setAsking(null);
    }
  }

  if (shares.length === 0) return null;
  return (
    <section class="notice unfinished" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('unfinishedSharesTitle')}</h2>
      <ul class="plain stack">
        {shares.map((share) => {
          const preview = share.preview || t('unfinishedShareMedia', String(share.mediaCount));
          return (
            <li key={share.draftId}>
              <span class="preview">{preview}</span>
              {asking === share.draftId ? (
                <InlineConfirm
                  confirmLabel={t('discardShareConfirm')}
                  busy={discarding}
                  onConfirm={() => void discard(share.draftId)}
                  onCancel={() => setAsking(null)}
                >
                  {t('discardShareQuestion', preview)}
                </InlineConfirm>
              ) : (
                <span class="actions">
                  <button type="button" aria-label={t('openShareLabel', preview)} onClick={() => void backend.openShareDraft({ draftId: share.draftId })}>
                    {t('openShareButton')}
                  </button>
                  <button type="button" aria-label={t('discardShareLabel', preview)} onClick={() => setAsking(share.draftId)}>
                    {t('discardShareButton')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
