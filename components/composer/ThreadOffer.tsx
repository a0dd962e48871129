import { useId } from 'preact/hooks';
import type { DraftThread } from '@/lib/composer/draft';
import { newThread, type ThreadLimits } from '@/lib/composer/thread';
import { splitThread } from '@/lib/composer/thread-split';
import { t } from '@/utils/i18n';

export interface ThreadOfferProps {
  /** The text that is too long for one post. */
  text: string;
  /** How its server counts (the content warning included). */
  limits: Omit<ThreadLimits, 'numbered'>;
  numbered: boolean;
  onNumbered(numbered: boolean): void;
  onAccept(thread: DraftThread): void;
}

/**
 * Under "too long": the way out, a thread of parts that each fit (the person sees them
 * before anything is posted); nothing when the text would not make two parts. The split
 * is worked out here, loaded with the offer: a composer at rest never needs it.
 */
export function ThreadOffer({ text, limits, numbered, onNumbered, onAccept }: ThreadOfferProps) {
  const id = useId();
  const texts = splitThread(text, { ...limits, numbered });
  if (texts.length < 2) return null;
  const parts = texts.length;
  return (
    <div class="thread-offer stack">
      <p id={`${id}-hint`} class="hint">
        {t('threadOfferHint')}
      </p>
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={numbered} onChange={(event) => onNumbered(event.currentTarget.checked)} />
          {t('threadNumbering', String(parts))}
        </label>
        <button type="button" class="small" aria-describedby={`${id}-hint`} onClick={() => onAccept(newThread(texts, numbered))}>
          {t('threadOffer', String(parts))}
        </button>
      </div>
    </div>
  );
}
