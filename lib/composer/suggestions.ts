import type { AccountStore } from '../accounts';
import { MastodonError } from '../mastodon/errors';
import { searchAccounts, searchHashtags } from '../mastodon/search';
import { matchEmoji, SUGGESTION_LIMIT, type SuggestionKind, type SuggestOutcome } from './autocomplete';
import type { InstanceCache } from './instance-limits';

export interface SuggestionDeps {
  accounts: AccountStore;
  instances: InstanceCache;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** A token that may search: `read:search`, or all of `read` (the fallback scopes). */
export const canSearch = (scopes: readonly string[]) => scopes.includes('read:search') || scopes.includes('read');

/**
 * Suggestions for the composer's autocomplete, asked of the account's own instance:
 * accounts and hashtags through its search, custom emoji from its (cached) list.
 */
export function createSuggestionService(deps: SuggestionDeps) {
  return {
    async suggest(accountId: string, kind: SuggestionKind, query: string): Promise<SuggestOutcome> {
      const { accounts } = await deps.accounts.read();
      const account = accounts.find((a) => a.id === accountId);
      if (!account) return { ok: false, reason: 'failed' };
      const ctx = { origin: account.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs };
      try {
        if (kind === 'emoji') {
          const emojis = matchEmoji(await deps.instances.emojisFor(account.origin), query);
          return { ok: true, suggestions: emojis.map((emoji) => ({ kind: 'emoji', ...emoji })) };
        }
        if (!canSearch(account.scopes)) return { ok: false, reason: 'missing-scope' };
        if (kind === 'hashtag') {
          const names = await searchHashtags(ctx, account.token, query, SUGGESTION_LIMIT);
          return { ok: true, suggestions: names.map((name) => ({ kind: 'hashtag', name })) };
        }
        const found = await searchAccounts(ctx, account.token, query, SUGGESTION_LIMIT);
        return {
          ok: true,
          suggestions: found.map((a) => ({ kind: 'account', acct: a.acct, displayName: a.display_name, avatar: a.avatar_static || a.avatar })),
        };
      } catch (error) {
        // A token without the scope (granted by a server that knew other scopes) is refused with 403.
        const refused = error instanceof MastodonError && error.kind === 'http' && error.status === 403;
        return { ok: false, reason: refused ? 'missing-scope' : 'failed' };
      }
    },
  };
}
export type SuggestionService = ReturnType<typeof createSuggestionService>;
