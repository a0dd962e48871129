import type { ConnectError } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';
import { hostOf } from './format';
import { rateLimitedText, unusableServerText } from './server-problem';

/** The server's own words, with its HTTP status, for the sentences that quote them. */
function serverReason({ status, detail }: ConnectError): string | null {
  if (status && detail) return t('errorReasonStatusDetail', [String(status), detail]);
  if (status) return t('errorReasonStatus', String(status));
  if (detail) return t('errorReasonDetail', detail);
  return null;
}

function withReason(error: ConnectError, host: string, plain: MessageKey, quoting: MessageKey): string {
  const reason = serverReason(error);
  return reason ? t(quoting, [host, reason]) : t(plain, host);
}

function connectErrorSentence(error: ConnectError, input: string): string {
  // The origin is known for every failure after parsing; before that, what was typed
  // is the best name for the server.
  const host = error.origin ? hostOf(error.origin) : input;
  switch (error.code) {
    case 'invalid-input':
    case 'unreachable':
    case 'not-mastodon':
    case 'unexpected-response':
      return unusableServerText({ code: error.code, detail: error.detail }, host);
    case 'registration-refused':
      return withReason(error, host, 'errorRegistrationRefused', 'errorRegistrationRefusedReason');
    case 'manual-credentials-rejected':
      return withReason(error, host, 'errorManualRejected', 'errorManualRejectedReason');
    case 'cancelled':
      return t('errorCancelled');
    case 'auth-page-failed':
      return t('errorAuthPageFailed', host);
    case 'state-mismatch':
      return t('errorStateMismatch', host);
    case 'sign-in-failed':
      return withReason(error, host, 'errorSignInFailed', 'errorSignInFailedReason');
    case 'verify-failed':
      return withReason(error, host, 'errorVerifyFailed', 'errorVerifyFailedReason');
    case 'rate-limited':
      return rateLimitedText(error.retryAt, host, 'errorRateLimitedUntil', 'errorRateLimited');
    case 'server-error':
      return withReason(error, host, 'errorServerError', 'errorServerErrorReason');
    case 'response-too-large':
      return t('errorResponseTooLarge', host);
    case 'redirected':
      return t('errorRedirected', host);
    case 'unsupported-token-type':
      return t('errorUnsupportedTokenType', [host, error.detail ?? '?']);
    case 'interrupted':
      return t('errorInterrupted');
    case 'busy':
      return t('errorBusy');
  }
}

export interface ConnectErrorMessageProps {
  error: ConnectError;
  /** What the person typed; names the server when the error has no origin yet. */
  input: string;
}

export function ConnectErrorMessage({ error, input }: ConnectErrorMessageProps) {
  return (
    <div role="alert" class="error">
      <p>{connectErrorSentence(error, input)}</p>
    </div>
  );
}
