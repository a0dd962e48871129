import { useId } from 'preact/hooks';
import type { DraftPatch, DraftShare } from '@/lib/composer/draft';
import { isQuotable } from '@/lib/composer/rules';
import { creditText, switchCredit, withoutUrl, withUrl, type CreditMode } from '@/lib/share/credit';
import { t, type MessageKey } from '@/utils/i18n';
import './SharePanel.css';

export interface SharePanelProps {
  share: DraftShare;
  text: string;
  /** The draft's account: a quote resolved through another one does not count. */
  accountId: string | null;
  /** Media or a poll is attached: Mastodon takes neither with a quote. */
  hasMediaOrPoll: boolean;
  disabled: boolean;
  onChange(patch: DraftPatch): void;
}

const CREDIT_LABELS: Record<CreditMode, MessageKey> = {
  text: 'shareCreditText',
  mention: 'shareCreditMention',
  off: 'shareCreditNone',
};

const QUOTE_NOTES: Partial<Record<DraftShare['quote']['check'], MessageKey>> = {
  unresolved: 'shareQuoteUnresolved',
  unsupported: 'shareQuoteUnsupported',
  'needs-reconnect': 'shareQuoteNeedsReconnect',
};

/** Only https images (http on loopback) ever reach the draft: see lib/share/page-meta. */
function Thumbnail({ src }: { src: string | null }) {
  return src ? <img class="share-thumb" src={src} alt="" referrerpolicy="no-referrer" loading="lazy" /> : null;
}

/**
 * What a share window knows about the shared page, under the text box: whom it credits
 * (switchable for this post), the fediverse post it may quote, and a preview of the link
 * card. Every switch edits the text the person sees: nothing is added behind their back.
 */
export function SharePanel({ share, text, accountId, hasMediaOrPoll, disabled, onChange }: SharePanelProps) {
  const id = useId();
  const { quote, card } = share;
  const post = quote.accountId === accountId ? quote.post : null;
  const quotable = post !== null && quote.check === 'found' && isQuotable(post.approval);
  const quoting = quotable && quote.on;

  function setCredit(credit: CreditMode) {
    onChange({ text: switchCredit(text, share.authors, share.credit, credit), share: { ...share, credit } });
  }

  function setQuoting(on: boolean) {
    // A quote shows the post itself: its link would only repeat it.
    onChange({ text: on ? withoutUrl(text, share.url) : withUrl(text, share.url), share: { ...share, quote: { ...quote, on } } });
  }

  function setCardRemoved(cardRemoved: boolean) {
    onChange({ text: cardRemoved ? withoutUrl(text, share.url) : withUrl(text, share.url), share: { ...share, cardRemoved } });
  }

  const authorList = share.authors.map((handle) => `@${handle}`).join(', ');

  return (
    <div class="share-panel stack">
      {share.authors.length > 0 && (
        <section class="share-credit" aria-labelledby={`${id}-credit`}>
          <p id={`${id}-credit`}>{t(share.authors.length > 1 ? 'shareAuthorsFound' : 'shareAuthorFound', authorList)}</p>
          <div class="segmented" role="group" aria-label={t('shareCreditGroup')}>
            {(Object.keys(CREDIT_LABELS) as CreditMode[]).map((mode) => (
              <button
                key={mode}
                type="button"
                class="small"
                aria-pressed={share.credit === mode}
                disabled={disabled}
                onClick={() => setCredit(mode)}
              >
                {t(CREDIT_LABELS[mode])}
              </button>
            ))}
          </div>
          {share.credit === 'mention' && <p class="hint">{t('shareCreditMentionHint')}</p>}
          {share.credit === 'text' && creditText(share.authors, 'text') && <p class="hint">{t('shareCreditTextHint')}</p>}
        </section>
      )}

      {quote.check === 'checking' && (
        <p role="status" class="hint">
          {t('shareQuoteChecking')}
        </p>
      )}
      {post && quote.check === 'found' && (
        <section class="share-quote stack" aria-label={t('shareQuotedPostLabel')}>
          {quotable ? (
            <>
              <label class="check">
                <input
                  type="checkbox"
                  checked={quoting}
                  disabled={disabled || (hasMediaOrPoll && !quoting)}
                  aria-describedby={hasMediaOrPoll ? `${id}-quote-media` : undefined}
                  onChange={(event) => setQuoting(event.currentTarget.checked)}
                />
                {t(post.approval === 'manual' ? 'shareQuoteRequest' : 'shareQuote')}
              </label>
              {hasMediaOrPoll && !quoting && (
                <p id={`${id}-quote-media`} class="hint">
                  {t('shareQuoteNotWithMedia')}
                </p>
              )}
            </>
          ) : (
            <p class="hint">{t(post.followersOnly ? 'shareQuoteFollowersOnly' : 'shareQuoteDenied')}</p>
          )}
          {(quoting || !quotable) && (
            <blockquote class="quoted-post">
              <p class="quoted-author">
                {post.authorName && <strong>{post.authorName} </strong>}
                <span>@{post.authorAcct}</span>
              </p>
              <p class="quoted-text">{post.text}</p>
              <Thumbnail src={post.image} />
            </blockquote>
          )}
          {!quotable && <p class="hint">{t('shareQuoteAsLink')}</p>}
        </section>
      )}
      {QUOTE_NOTES[quote.check] && <p class="hint">{t(QUOTE_NOTES[quote.check]!)}</p>}

      {card && !quoting && (
        <section class="share-card stack" aria-labelledby={`${id}-card`}>
          <p id={`${id}-card`} class="hint">
            {t('shareCardLabel')}
          </p>
          {share.cardRemoved ? (
            <>
              <p class="hint">{t('shareCardRemoved')}</p>
              <button type="button" class="small" disabled={disabled} onClick={() => setCardRemoved(false)}>
                {t('shareCardRestore')}
              </button>
            </>
          ) : (
            <>
              <figure class="link-card">
                <Thumbnail src={card.image} />
                <figcaption>
                  {card.siteName && <span class="card-site">{card.siteName}</span>}
                  {card.title && <strong class="card-title">{card.title}</strong>}
                  {card.description && <span class="card-description">{card.description}</span>}
                  {share.authors[0] && <span class="card-author">{t('shareCardMoreFrom', `@${share.authors[0]}`)}</span>}
                </figcaption>
              </figure>
              <button type="button" class="small" disabled={disabled} onClick={() => setCardRemoved(true)}>
                {t('shareCardRemove')}
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
