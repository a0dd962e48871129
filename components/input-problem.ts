import type { InstanceInputProblem } from '@/lib/instance-input';
import { t, type MessageKey } from '@/utils/i18n';

/** `detail` of an `invalid-input` error: what is wrong with the typed address. */
const INPUT_PROBLEMS: Record<InstanceInputProblem, MessageKey> = {
  empty: 'errorInputEmpty',
  'unsupported-scheme': 'errorInputUnsupportedScheme',
  insecure: 'errorInputInsecure',
  credentials: 'errorInputCredentials',
  'not-a-profile-path': 'errorInputNotAProfilePath',
  'invalid-host': 'errorInputInvalidHost',
};

/** The sentence for a typed address the background could not use. */
export function inputProblemText(detail: string | undefined): string {
  // `detail` crosses the message boundary as a plain string: check it is a known problem.
  const known = detail !== undefined && Object.hasOwn(INPUT_PROBLEMS, detail);
  return t(known ? INPUT_PROBLEMS[detail as InstanceInputProblem] : 'errorInputUnknown');
}
