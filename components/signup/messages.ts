import type { SignUpError, SignUpFieldName, ValidationCode } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';
import { retryTime } from '../format';
import { inputProblemText } from '../input-problem';

/** A sentence for each code; a field's own wording first where the code reads differently there. */
const BY_FIELD: Partial<Record<`${SignUpFieldName}:${ValidationCode}`, MessageKey>> = {
  'username:ERR_BLANK': 'signUpUsernameBlank',
  'username:ERR_TAKEN': 'signUpUsernameTaken',
  'username:ERR_INVALID': 'signUpUsernameInvalid',
  'email:ERR_BLANK': 'signUpEmailBlank',
  'email:ERR_TAKEN': 'signUpEmailTaken',
  'email:ERR_INVALID': 'signUpEmailInvalid',
  'password:ERR_BLANK': 'signUpPasswordBlank',
  'password:ERR_TOO_SHORT': 'signUpPasswordTooShort',
  'reason:ERR_BLANK': 'signUpReasonBlank',
  'date_of_birth:ERR_BLANK': 'signUpBirthBlank',
  'date_of_birth:ERR_INVALID': 'signUpBirthInvalid',
};

const BY_CODE: Record<ValidationCode, MessageKey> = {
  ERR_BLANK: 'signUpFieldBlank',
  ERR_TAKEN: 'signUpFieldTaken',
  ERR_RESERVED: 'signUpFieldReserved',
  ERR_INVALID: 'signUpFieldInvalid',
  ERR_BLOCKED: 'signUpFieldBlocked',
  ERR_UNREACHABLE: 'signUpFieldUnreachable',
  ERR_TOO_SHORT: 'signUpFieldTooShort',
  ERR_TOO_LONG: 'signUpFieldTooLong',
  ERR_ACCEPTED: 'signUpFieldAccepted',
  ERR_INCLUSION: 'signUpFieldInclusion',
  ERR_BELOW_LIMIT: 'signUpFieldBelowLimit',
  ERR_OTHER: 'signUpFieldOther',
};

/** What the person reads under a field the server refused. */
export function fieldErrorText(field: SignUpFieldName, code: ValidationCode, minAge: number | null): string {
  const key = BY_FIELD[`${field}:${code}`] ?? BY_CODE[code];
  return t(key, code === 'ERR_BELOW_LIMIT' ? String(minAge ?? '') : undefined);
}

/** Every failure but the per-field ones, as a sentence naming the server. */
export function signUpErrorText(error: SignUpError, host: string): string {
  switch (error.code) {
    case 'invalid-input':
      return inputProblemText(error.detail);
    case 'unreachable':
      return t('errorUnreachable', host);
    case 'not-mastodon':
      return t('errorNotMastodon', host);
    case 'server-error':
      return t('errorServerError', host);
    case 'unexpected-response':
      return t('errorUnexpectedResponse', host);
    case 'closed':
      return t('signUpClosed', host);
    case 'invalid':
      return t('signUpInvalid');
    case 'rate-limited': {
      const until = retryTime(error.retryAt);
      return until ? t('signUpRateLimitedUntil', [host, until]) : t('signUpRateLimited', host);
    }
    case 'app-sign-up-refused':
      return t('signUpAppRefused', host);
    case 'registration-refused':
      return t('signUpRegistrationRefused', host);
    case 'unknown-account':
      return t('signUpUnknownAccount');
  }
}
