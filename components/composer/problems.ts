import type { ComposerProblem } from '@/lib/composer/rules';
import { t } from '@/utils/i18n';
import { formatDuration, formatMegabytes } from './amounts';

/** One specific sentence per reason a draft can't be posted or a file can't be attached. */
export function problemText(problem: ComposerProblem): string {
  switch (problem.code) {
    case 'empty':
      return t('problemEmpty');
    case 'too-long':
      return t('problemTooLong', String(problem.over));
    // Parts are numbered from 1 on screen, as their labels are.
    case 'part-empty':
      return t('problemPartEmpty', String(problem.part + 1));
    case 'part-too-long':
      return t('problemPartTooLong', [String(problem.part + 1), String(problem.over)]);
    case 'thread-scheduled':
      return t('problemThreadScheduled');
    case 'thread-crosspost':
      return t('problemThreadCrosspost');
    case 'media-type':
      return t('problemMediaType', [problem.fileName, problem.mimeType]);
    case 'media-too-large':
      return t('problemMediaTooLarge', [problem.fileName, formatMegabytes(problem.limit)]);
    case 'too-many-media':
      return t('problemTooManyMedia', String(problem.max));
    case 'description-too-long':
      return t('problemDescriptionTooLong', [problem.fileName, String(problem.limit)]);
    case 'media-not-ready':
      return t('problemMediaNotReady');
    case 'media-failed':
      return t('problemMediaFailed', problem.fileName);
    case 'poll-and-media':
      return t('problemPollAndMedia');
    case 'poll-options-count':
      return t('problemPollOptionsCount', [String(problem.min), String(problem.max)]);
    // Options are numbered from 1 on screen, as their labels are.
    case 'poll-option-empty':
      return t('problemPollOptionEmpty', String(problem.index + 1));
    case 'poll-option-too-long':
      return t('problemPollOptionTooLong', [String(problem.index + 1), String(problem.max)]);
    case 'poll-duplicate-option':
      return t('problemPollDuplicateOption', String(problem.index + 1));
    case 'poll-duration':
      return t('problemPollDuration', [formatDuration(problem.min), formatDuration(problem.max)]);
    case 'schedule-invalid':
      return t('problemScheduleInvalid');
    case 'schedule-too-soon':
      return t('problemScheduleTooSoon', String(problem.minutes));
  }
}
