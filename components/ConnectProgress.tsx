import type { ConnectPhase } from '@/lib/messages';
import { t, type MessageKey } from '@/utils/i18n';

const PHASE_TEXT: Record<ConnectPhase, MessageKey> = {
  checking: 'progressChecking',
  registering: 'progressRegistering',
  authorizing: 'progressAuthorizing',
  verifying: 'progressVerifying',
};

export interface ConnectProgressProps {
  /** null between runs: the region stays in the page, empty, so the next phase is announced. */
  phase: ConnectPhase | null;
}

export function ConnectProgress({ phase }: ConnectProgressProps) {
  return (
    <div role="status" class="progress">
      {phase && (
        <>
          <p class="progress-phase">
            <span class="spinner" aria-hidden="true" />
            {t(PHASE_TEXT[phase])}
          </p>
          {phase === 'authorizing' && <p class="hint">{t('progressAuthorizingNote')}</p>}
        </>
      )}
    </div>
  );
}
