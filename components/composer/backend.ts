import type { Requests, Subscriptions } from '@/lib/messages';

/** What the composer asks of the background, and hears from it (every draft's changes). */
export type ComposerBackend = Requests<
  'getComposer' | 'updateDraft' | 'selectAccount' | 'addMedia' | 'describeMedia' | 'removeMedia' | 'retryMedia' | 'post'
> &
  Subscriptions<'draftChanged'>;
