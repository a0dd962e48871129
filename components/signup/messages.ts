import type { SignUpError, SignUpFieldName, ValidationCode } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';
import { rateLimitedText, unusableServerText } from '../server-problem';

/** What the person reads under a field the server refused. */
export function fieldErrorText(field: SignUpFieldName, code: ValidationCode, minAge: number | null): string {
  // The catalogue has a sentence per code (`signUp_ERR_TAKEN`) and, where the code reads
  // differently on a field, one for that field (`signUp_username_ERR_TAKEN`); a missing
  // message is "" (the unit test checks every code has one).
  const substitution = code === 'ERR_BELOW_LIMIT' ? String(minAge ?? '') : undefined;
  return t(`signUp_${field}_${code}` as MessageKey, substitution) || t(`signUp_${code}` as MessageKey, substitution);
}

/** Every failure but the per-field ones, as a sentence naming the server. */
export function signUpErrorText(error: SignUpError, host: string): string {
  switch (error.code) {
    case 'invalid-input':
    case 'unreachable':
    case 'not-mastodon':
    case 'unexpected-response':
      return unusableServerText({ code: error.code, detail: error.detail }, host);
    case 'server-error':
      return t('errorServerError', host);
    case 'closed':
      return t('signUpClosed', host);
    case 'invalid':
      return t('signUpInvalid');
    case 'rate-limited':
      return rateLimitedText(error.retryAt, host, 'signUpRateLimitedUntil', 'signUpRateLimited');
    case 'app-sign-up-refused':
      return t('signUpAppRefused', host);
    case 'registration-refused':
      return t('signUpRegistrationRefused', host);
    case 'unknown-account':
      return t('signUpUnknownAccount');
  }
}
