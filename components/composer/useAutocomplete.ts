import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { tokenAt, type CompletionToken, type Suggestion } from '@/lib/composer/autocomplete';
import { applyCompletion, completionText } from '@/lib/composer/completion';
import type { Requests } from '@/lib/messages';

/** Typing pauses this long before the instance is asked: one request per word, not per key. */
export const SUGGEST_DELAY_MS = 200;

export interface Autocomplete {
  token: CompletionToken | null;
  suggestions: Suggestion[];
  active: number;
  /** The account's token may not search (connected before Fedipost asked for `read:search`). */
  needsScope: boolean;
  /** Reads the word at the caret again (after typing, a click, an arrow key). */
  update(): void;
  /** Handles the list's keys; true when the key was used (the text box must not act on it). */
  onKeyDown(event: KeyboardEvent): boolean;
  choose(index: number): void;
  close(): void;
}

/**
 * Suggestions for the word at the caret: asked of the background after a pause, never
 * in the way of typing (answers for an older word are dropped), remembered per word.
 */
export function useAutocomplete(
  backend: Requests<'suggest'>,
  accountId: string | null,
  field: RefObject<HTMLTextAreaElement | null>,
  onInput: (text: string) => void,
): Autocomplete {
  const [token, setToken] = useState<CompletionToken | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [needsScope, setNeedsScope] = useState(false);
  const [active, setActive] = useState(0);
  /** The token Escape closed: it stays closed until the word changes. */
  const dismissed = useRef<string | null>(null);
  const cache = useRef(new Map<string, Suggestion[]>());
  const latest = useRef('');

  const keyOf = (t: CompletionToken) => `${accountId}|${t.kind}|${t.query}`;

  function close() {
    setToken(null);
    setSuggestions([]);
    setNeedsScope(false);
  }

  function update() {
    const el = field.current;
    const found = el && el.selectionStart === el.selectionEnd ? tokenAt(el.value, el.selectionStart) : null;
    if (!found || !accountId || dismissed.current === `${found.start}|${keyOf(found)}`) {
      latest.current = '';
      close();
      return;
    }
    dismissed.current = null;
    const key = keyOf(found);
    if (key === latest.current) return;
    latest.current = key;
    setToken(found);
    setActive(0);
    setNeedsScope(false);
    const known = cache.current.get(key);
    setSuggestions(known ?? []);
  }

  // Asks after a pause in typing, for the word still at the caret then.
  useEffect(() => {
    if (!token || !accountId || cache.current.has(keyOf(token))) return;
    const key = keyOf(token);
    const timer = setTimeout(async () => {
      const outcome = await backend.suggest({ accountId, kind: token.kind, query: token.query }).catch(() => null);
      if (!outcome) return;
      if (outcome.ok) cache.current.set(key, outcome.suggestions);
      if (latest.current !== key) return;
      setSuggestions(outcome.ok ? outcome.suggestions : []);
      setNeedsScope(!outcome.ok && outcome.reason === 'missing-scope');
    }, SUGGEST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [token?.kind, token?.query, accountId]);

  function choose(index: number) {
    const el = field.current;
    const suggestion = suggestions[index];
    if (!el || !token || !suggestion) return;
    const { text, caret } = applyCompletion(el.value, token, completionText(suggestion));
    el.value = text;
    el.setSelectionRange(caret, caret);
    el.focus();
    latest.current = '';
    close();
    onInput(text);
  }

  function onKeyDown(event: KeyboardEvent): boolean {
    const open = token !== null && (suggestions.length > 0 || needsScope);
    if (!open || event.ctrlKey || event.metaKey || event.altKey) return false;
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return false;
        setActive((index) => (index + 1) % count);
        return true;
      case 'ArrowUp':
        if (count === 0) return false;
        setActive((index) => (index - 1 + count) % count);
        return true;
      case 'Enter':
      case 'Tab':
        if (count === 0 || event.shiftKey) return false;
        choose(active);
        return true;
      case 'Escape':
        dismissed.current = `${token.start}|${keyOf(token)}`;
        latest.current = '';
        close();
        return true;
      default:
        return false;
    }
  }

  return { token, suggestions, active, needsScope, update, onKeyDown, choose, close };
}
