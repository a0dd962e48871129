import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { limitsInForce } from '@/lib/composer/chosen';
import { checkDraft } from '@/lib/composer/rules';
import type { ShownPostError } from './PostErrorMessage';
import type { PostedResult, UndoError } from './PostResult';
import type { useDraftSync } from './useDraftSync';

export interface PostingOptions {
  /** Gets the focus back when posting ends (posting disables the form). */
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** A post starts: earlier messages about the draft no longer apply. */
  onStart(): void;
  /** The post went through; the background now holds a fresh draft. */
  onPosted(): void;
}

/**
 * Posting the draft: every edit saved first, then one post, then the fresh draft loaded.
 * Keeps the outcome to show: the posted link, or why it failed.
 */
export function usePosting(sync: ReturnType<typeof useDraftSync>, { textarea, onStart, onPosted }: PostingOptions) {
  const [posting, setPosting] = useState(false);
  const [posted, setPosted] = useState<PostedResult | null>(null);
  const [error, setError] = useState<ShownPostError | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<UndoError | null>(null);

  // Posting disables the form (nothing typed then could be lost with the posted draft),
  // which drops the focus: give it back to the text.
  const wasPosting = useRef(false);
  useEffect(() => {
    if (wasPosting.current && !posting) textarea.current?.focus();
    wasPosting.current = posting;
  }, [posting]);

  /** `accountId`: cross-posting, that one account's "Try again". */
  async function post(accountId?: string) {
    const state = sync.composer;
    if (posting || !state) return;
    const { limits, counting } = limitsInForce(state);
    if (checkDraft(state.draft, limits, Date.now(), counting).length > 0) return;
    setPosting(true);
    setPosted(null);
    setError(null);
    setUndoError(null);
    onStart();
    try {
      await sync.flush();
    } catch {
      // Nothing was sent; the "couldn't save" alert says so, and Post stays there to retry.
      setPosting(false);
      return;
    }
    try {
      const outcome = await sync.post(accountId);
      if (outcome.ok) {
        onPosted();
        const { url, scheduledAt, removedCopies, leftCopies, threadUrls, targets } = outcome;
        setPosted({ url, scheduledAt, removedCopies, leftCopies, threadUrls, targets, accounts: Object.keys(targets ?? {}) });
        await sync.reload();
      } else {
        setError(outcome.error);
        // Cross-posting: each account's result is in the stored draft, shown per account.
        if (outcome.error.code === 'not-all-posted') await sync.refresh();
      }
    } catch {
      setError({ code: 'no-answer' });
    } finally {
      setPosting(false);
    }
  }

  /** Takes the post back: the background deletes it and the draft returns as it was posted. */
  async function undo() {
    if (undoing) return;
    setUndoing(true);
    setUndoError(null);
    try {
      // Anything typed into the new draft is saved first: the background never overwrites it.
      await sync.flush();
      const outcome = await sync.undo();
      if (outcome.ok) {
        setPosted(null);
        textarea.current?.focus();
      } else {
        setUndoError(outcome.error);
      }
    } catch {
      setUndoError({ code: 'no-answer' });
    } finally {
      setUndoing(false);
    }
  }

  return {
    /** A post is under way: the form is disabled meanwhile. */
    active: posting,
    posted,
    error,
    post,
    dismissPosted: () => setPosted(null),
    undo,
    undoing,
    undoError,
  };
}
