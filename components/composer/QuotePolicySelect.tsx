import { useId } from 'preact/hooks';
import type { Draft } from '@/lib/composer/draft';
import type { QuotePolicy } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';

/** Mastodon's own words (its web composer's "Who can quote"). */
const LABELS: Record<QuotePolicy, MessageKey> = {
  public: 'quotePolicyPublic',
  followers: 'quotePolicyFollowers',
  nobody: 'quotePolicyNobody',
};

export interface QuotePolicySelectProps {
  value: QuotePolicy;
  visibility: NonNullable<Draft['visibility']>;
  onChange(policy: QuotePolicy): void;
}

/** Who may quote this post. Private and direct posts are "Just me", as Mastodon fixes them. */
export function QuotePolicySelect({ value, visibility, onChange }: QuotePolicySelectProps) {
  const id = useId();
  const fixed = visibility === 'private' || visibility === 'direct' || visibility === 'mutuals_only';
  return (
    <div class="field">
      <label for={id}>{t('quotePolicyLabel')}</label>
      <select
        id={id}
        value={fixed ? 'nobody' : value}
        disabled={fixed}
        aria-describedby={fixed ? `${id}-fixed` : undefined}
        onChange={(event) => onChange(event.currentTarget.value as QuotePolicy)}
      >
        {(Object.keys(LABELS) as QuotePolicy[]).map((policy) => (
          <option key={policy} value={policy}>
            {t(LABELS[policy])}
          </option>
        ))}
      </select>
      {fixed && (
        <p id={`${id}-fixed`} class="hint">
          {t('quotePolicyFixed')}
        </p>
      )}
    </div>
  );
}
