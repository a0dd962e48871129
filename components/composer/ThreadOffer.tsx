import { useId } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface ThreadOfferProps {
  /** How many parts the text makes, numbered or not as chosen. */
  parts: number;
  numbered: boolean;
  onNumbered(numbered: boolean): void;
  onAccept(): void;
}

/** Under "too long": the way out, a thread of parts that each fit (the person sees them before anything is posted). */
export function ThreadOffer({ parts, numbered, onNumbered, onAccept }: ThreadOfferProps) {
  const id = useId();
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
        <button type="button" class="small" aria-describedby={`${id}-hint`} onClick={onAccept}>
          {t('threadOffer', String(parts))}
        </button>
      </div>
    </div>
  );
}
