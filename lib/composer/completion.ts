import type { CompletionToken, Suggestion } from './autocomplete';

/*
 * Putting a chosen suggestion into the text: only the autocomplete list (a folded part,
 * loaded on the first `@`, `#` or `:`) needs it, so it is not in the module the text box
 * loads at rest (`tokenAt`, autocomplete.ts).
 */

/** What a suggestion puts into the text: `@user@domain` (remote) or `@user`, `#tag`, `:shortcode:`. */
export function completionText(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case 'account':
      return `@${suggestion.acct}`;
    case 'hashtag':
      return `#${suggestion.name}`;
    case 'emoji':
      return `:${suggestion.shortcode}:`;
  }
}

/** The text with the token replaced (a space after it, so typing goes on), and where the caret goes. */
export function applyCompletion(text: string, token: CompletionToken, replacement: string): { text: string; caret: number } {
  // A space already there is reused (the caret goes past it), never doubled.
  const after = text.slice(token.end).replace(/^ /, '');
  return { text: `${text.slice(0, token.start)}${replacement} ${after}`, caret: token.start + replacement.length + 1 };
}
