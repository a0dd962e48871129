import type { PostError } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { retryTime } from '../server-problem';
import { handle } from './format';
import { problemText } from './problems';

const DIFFERENCE_LABELS = { text: 'differenceText', visibility: 'differenceVisibility', spoiler: 'differenceSpoiler' } as const;

/** A post error, or no answer from the background at all (the post may or may not exist). */
export type ShownPostError = PostError | { code: 'no-answer' };

export function postErrorSentence(error: ShownPostError, host: string): string {
  switch (error.code) {
    case 'no-account':
      return t('postErrorNoAccount');
    case 'invalid-draft':
      return t('postErrorInvalidDraft');
    case 'unauthorized':
      return t('postErrorUnauthorized', handle(error.accountId));
    case 'forbidden':
      return error.detail ? t('postErrorForbiddenReason', [host, error.detail]) : t('postErrorForbidden', host);
    case 'rejected':
      return error.detail ? t('postErrorRejectedReason', [host, error.detail]) : t('postErrorRejected', [host, String(error.status)]);
    case 'too-long':
      return t('postErrorTooLong', [host, error.detail ?? String(error.status), String(error.limit)]);
    case 'server-altered': {
      const what = error.differences.map((d) => t(DIFFERENCE_LABELS[d])).join(', ');
      return t(error.deleted ? 'postErrorAltered' : 'postErrorAlteredKept', [host, what]);
    }
    case 'rate-limited': {
      const until = retryTime(error.retryAt);
      return until ? t('postErrorRateLimitedUntil', [host, until]) : t('postErrorRateLimited', host);
    }
    case 'server-error':
      return t('postErrorServer', [host, String(error.status)]);
    case 'unreachable':
      return t('postErrorUnreachable', host);
    case 'unexpected-response':
      return t('postErrorUnexpected', host);
    case 'response-too-large':
      return t('postErrorTooLarge', host);
    case 'redirected':
      return t('postErrorRedirected', host);
    case 'processing-timeout':
      return t('postErrorProcessingTimeout', host);
    case 'no-answer':
      return t('postErrorNoAnswer');
    case 'not-all-posted':
      return t('postErrorNotAllPosted', String(error.failed));
  }
}

export interface PostErrorMessageProps {
  error: ShownPostError;
  /** The posting account's server, as the sentences name it. */
  host: string;
  onReconnect(accountId: string): void;
  onRetry(): void;
}

export function PostErrorMessage({ error, host, onReconnect, onRetry }: PostErrorMessageProps) {
  // Only these may be cured by asking again; the Idempotency-Key makes asking again safe.
  const retryable =
    error.code === 'server-error' || error.code === 'unreachable' || error.code === 'no-answer' || error.code === 'response-too-large';
  return (
    <div role="alert" class="error stack">
      <p>{postErrorSentence(error, host)}</p>
      {error.code === 'invalid-draft' && (
        <ul class="problems">
          {error.problems.map((problem, index) => (
            <li key={index}>{problemText(problem)}</li>
          ))}
        </ul>
      )}
      {error.code === 'unauthorized' && (
        <button type="button" class="primary" onClick={() => onReconnect(error.accountId)}>
          {t('reconnectButton', handle(error.accountId))}
        </button>
      )}
      {retryable && (
        <button type="button" onClick={onRetry}>
          {t('tryAgainButton')}
        </button>
      )}
    </div>
  );
}
