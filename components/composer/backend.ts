import type { Draft } from '@/lib/composer/draft';
import type { DraftId, ProtocolMap } from '@/lib/messages';

type ComposerRequest = 'getComposer' | 'updateDraft' | 'selectAccount' | 'addMedia' | 'describeMedia' | 'removeMedia' | 'retryMedia' | 'post';

/**
 * The composer's requests to the background, shaped exactly as the protocol's messages
 * so the entrypoint wires each to `sendMessage` one for one; tests pass fakes.
 */
export type ComposerBackend = {
  [K in ComposerRequest]: (data: Parameters<ProtocolMap[K]>[0]) => Promise<ReturnType<ProtocolMap[K]>>;
} & {
  /** Subscribes to `draftChanged` (every draft's); returns the unsubscribe function. */
  onDraftChanged(listener: (data: { draftId: DraftId; draft: Draft }) => void): () => void;
};
