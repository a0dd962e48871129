import type { CountingRule } from '../server-profile';
import type { Draft } from './draft';
import { remainingCharacters, type Limits } from './rules';

/**
 * The accounts a draft goes out as, and the limits that hold for all of them. Browser-free
 * and schema-free: the composer's counter uses it on every keystroke.
 */

/**
 * Every account the draft is for: its own account first, then the others chosen, each
 * once; with `connected`, only those still connected (a disconnected one is left out).
 */
export function chosenAccounts(draft: Pick<Draft, 'accountId' | 'crosspostTo'>, connected?: ReadonlyArray<{ id: string }>): string[] {
  const own = draft.accountId === null ? [] : [draft.accountId];
  const chosen = [...new Set([...own, ...draft.crosspostTo])];
  return connected ? chosen.filter((id) => connected.some((account) => account.id === id)) : chosen;
}

/** The draft goes out as more than one account. */
export const crossposting = (draft: Pick<Draft, 'accountId' | 'crosspostTo'>, connected?: ReadonlyArray<{ id: string }>): boolean =>
  chosenAccounts(draft, connected).length > 1;

/** A target is done once its post exists (published or scheduled): it is never sent again. */
export const targetDone = (target: { state: string } | undefined): boolean => target?.state === 'posted' || target?.state === 'scheduled';

/** One chosen account's server, as far as the counter and the checks need it. */
export interface ChosenServer {
  accountId: string;
  /** `example.social`: what the composer names. */
  host: string;
  limits: Limits;
  counting: CountingRule;
}

const minOf = (values: Array<number | null>): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? Math.min(...known) : null;
};

/**
 * The server whose limit the text is nearest to (or furthest over), counted as each
 * counts it: the counter follows it. On a tie, the smaller limit. Null without servers.
 */
export function strictestServer<S extends ChosenServer>(draft: Pick<Draft, 'text' | 'spoilerEnabled' | 'spoilerText'>, servers: readonly S[]): S | null {
  let best: { server: S; remaining: number } | null = null;
  for (const server of servers) {
    const remaining = remainingCharacters(draft, server.limits, server.counting);
    if (!best || remaining < best.remaining || (remaining === best.remaining && server.limits.maxCharacters < best.server.limits.maxCharacters)) {
      best = { server, remaining };
    }
  }
  return best?.server ?? null;
}

/**
 * What every chosen server accepts: the smallest of each limit, the file types all of
 * them list (a server listing none takes the usual kinds), the shortest poll window;
 * the character limit and link length of the strictest server (see strictestServer).
 */
export function limitsForAll(strictest: ChosenServer, servers: readonly ChosenServer[]): Limits {
  const all = servers.map((s) => s.limits);
  const listing = all.filter((l) => l.supportedMimeTypes.length > 0);
  const [first, ...rest] = listing;
  const supportedMimeTypes = first ? first.supportedMimeTypes.filter((type) => rest.every((l) => l.supportedMimeTypes.includes(type))) : [];
  return {
    maxCharacters: strictest.limits.maxCharacters,
    charactersReservedPerUrl: strictest.limits.charactersReservedPerUrl,
    maxMediaAttachments: Math.min(...all.map((l) => l.maxMediaAttachments)),
    supportedMimeTypes,
    imageSizeLimit: minOf(all.map((l) => l.imageSizeLimit)),
    videoSizeLimit: minOf(all.map((l) => l.videoSizeLimit)),
    descriptionLimit: minOf(all.map((l) => l.descriptionLimit)),
    pollMaxOptions: Math.min(...all.map((l) => l.pollMaxOptions)),
    pollMaxCharactersPerOption: Math.min(...all.map((l) => l.pollMaxCharactersPerOption)),
    pollMinExpiration: Math.max(...all.map((l) => l.pollMinExpiration)),
    pollMaxExpiration: Math.min(...all.map((l) => l.pollMaxExpiration)),
  };
}

/**
 * The limits and counting rule the composer holds the draft to: the account's own, or
 * when cross-posting every chosen server's at once (the counter follows `strictest`).
 */
export function limitsInForce(state: {
  draft: Pick<Draft, 'text' | 'spoilerEnabled' | 'spoilerText'>;
  limits: Limits;
  server: { counting: CountingRule };
  servers: readonly ChosenServer[];
}): { limits: Limits; counting: CountingRule; strictest: ChosenServer | null } {
  const strictest = strictestServer(state.draft, state.servers);
  if (!strictest) return { limits: state.limits, counting: state.server.counting, strictest: null };
  return { limits: limitsForAll(strictest, state.servers), counting: strictest.counting, strictest };
}
