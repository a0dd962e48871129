import * as z from 'zod/mini';
import { lenientArray } from '../stored-check';
import { TextSchema as text } from './fields';
import type { ClientContext } from './context';
import { requestJson } from './request';


/** An Account in search results, reduced to what a suggestion shows. */
const FoundAccountSchema = z.object({
  acct: z.string().check(z.minLength(1)),
  display_name: text,
  avatar_static: z.optional(text),
  avatar: text,
});

const TagSchema = z.object({ name: z.string().check(z.minLength(1)) });

const SearchAccountsSchema = z.object({ accounts: lenientArray(FoundAccountSchema) });
const SearchHashtagsSchema = z.object({ hashtags: lenientArray(TagSchema) });
export type FoundAccount = z.output<typeof FoundAccountSchema>;

/**
 * GET /api/v2/search for accounts or hashtags, without resolving remote ones (a lookup
 * per keystroke would be slow and reach other servers). Needs `read:search`.
 * @see https://docs.joinmastodon.org/methods/search/#v2
 */
function searchPath(type: 'accounts' | 'hashtags', q: string, limit: number): string {
  const params = new URLSearchParams({ q, type, resolve: 'false', limit: String(limit) });
  return `/api/v2/search?${params}`;
}

export async function searchAccounts(ctx: ClientContext, token: string, q: string, limit: number): Promise<FoundAccount[]> {
  return (await requestJson(ctx, searchPath('accounts', q, limit), { token, schema: SearchAccountsSchema })).accounts;
}

export async function searchHashtags(ctx: ClientContext, token: string, q: string, limit: number): Promise<string[]> {
  return (await requestJson(ctx, searchPath('hashtags', q, limit), { token, schema: SearchHashtagsSchema })).hashtags.map((tag) => tag.name);
}

const CustomEmojiSchema = z.object({
  shortcode: z.string().check(z.regex(/^\w+$/)),
  url: z.string(),
  static_url: z.optional(text),
  visible_in_picker: z.optional(z.catch(z.boolean(), true)),
});

/** What Fedipost keeps of a custom emoji: the picture stays still (static_url) in the list. */
export interface CustomEmoji {
  shortcode: string;
  url: string;
}

/**
 * GET /api/v1/custom_emojis: the instance's emoji, public (no token). Those hidden from
 * the picker are left out, as Mastodon's own composer does.
 * @see https://docs.joinmastodon.org/methods/custom_emojis/
 */
export async function fetchCustomEmojis(ctx: ClientContext): Promise<CustomEmoji[]> {
  const emojis = await requestJson(ctx, '/api/v1/custom_emojis', { schema: lenientArray(CustomEmojiSchema) });
  return emojis
    .filter((emoji) => emoji.visible_in_picker !== false)
    .map((emoji) => ({ shortcode: emoji.shortcode, url: emoji.static_url || emoji.url }));
}
