import * as z from 'zod/mini';
import type { AccountStore, StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { MastodonError } from '../mastodon/errors';
import { getMedia, previewOf } from '../mastodon/media';
import { deleteForRedraft, editStatus, getStatus, statusSource, type Status } from '../mastodon/statuses';
import type { DraftId, EditChanges, EditError, EditOpenOutcome, EditSaveOutcome, RecentPostView, RedraftOutcome, ComposerState } from '../messages';
import { checkQuietRecord, type Checked } from '../stored-check';
import { createUpdater, type StoredValue } from '../stored-value';
import { webUrl } from '../web-url';
import type { Draft, DraftMedia, DraftVisibility } from './draft';
import { DRAFT_VISIBILITIES } from './draft';
import type { InstanceCache } from './instance-limits';
import { differences, plainText, postErrorFrom } from './post';

/** How many of each account's newest posts the popup can list (and edit). */
export const RECENT_POSTS_PER_ACCOUNT = 5;

const RecentPostSchema = z.object({
  statusId: z.string(),
  // It becomes a "View post" link: a web URL only.
  url: z.nullable(z.string().check(z.refine((url) => webUrl(url) !== null))),
  text: z.string(),
  spoilerText: z.string(),
  postedAt: z.number(),
  editedAt: z.nullable(z.string()),
});
export type RecentPost = z.infer<typeof RecentPostSchema>;

/** Each account's newest posts from this browser, newest first. */
export type RecentPostsMap = Record<string, RecentPost[]>;

/** As stored: a damaged entry is dropped (the post stays on the server; it is only not listed). */
export function checkRecentPosts(raw: unknown): Checked<RecentPostsMap> {
  const lists = checkQuietRecord(raw, z.array(z.unknown()));
  const value: RecentPostsMap = {};
  for (const [accountId, list] of Object.entries(lists)) {
    value[accountId] = list.flatMap((entry) => {
      const parsed = RecentPostSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }
  return { value, broken: [] };
}

/** The list of posts made here: the composer adds to it, Undo and Delete & redraft take from it. */
export function createRecentPosts(store: StoredValue<RecentPostsMap>) {
  const update = createUpdater(store);
  return {
    list: () => store.getValue(),
    async posted(accountId: string, post: RecentPost): Promise<void> {
      await update((map) => ({
        ...map,
        [accountId]: [post, ...(map[accountId] ?? []).filter((p) => p.statusId !== post.statusId)].slice(0, RECENT_POSTS_PER_ACCOUNT),
      }));
    },
    async changed(accountId: string, statusId: string, change: Partial<RecentPost>): Promise<void> {
      await update((map) => ({ ...map, [accountId]: (map[accountId] ?? []).map((p) => (p.statusId === statusId ? { ...p, ...change } : p)) }));
    },
    async removed(accountId: string, statusId: string): Promise<void> {
      await update((map) => ({ ...map, [accountId]: (map[accountId] ?? []).filter((p) => p.statusId !== statusId) }));
    },
  };
}
export type RecentPosts = ReturnType<typeof createRecentPosts>;

export interface EditDeps {
  accounts: AccountStore;
  instances: InstanceCache;
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
  recent: RecentPosts;
  /** The composer's side of Delete & redraft. */
  composer: {
    /** The draft holds something typed (never overwritten). */
    draftInUse(draftId: DraftId): Promise<boolean>;
    /** The redrafted post becomes the draft (under a new Idempotency-Key); its state. */
    restoreDraft(draftId: DraftId, draft: Draft): Promise<ComposerState>;
    newDraft(accountId: string): Promise<Draft>;
  };
  now?(): number;
}

/** The server answered an edit endpoint with "not here": it can't edit (whatever its profile says). */
class EditUnsupported extends Error {
  override readonly name = 'EditUnsupported';
}

/** A status's poll as the composer holds one: the time it has left, at least Mastodon's minimum of 5 minutes. */
function pollOf(status: Status, now: number): Draft['poll'] {
  if (!status.poll) return null;
  const left = status.poll.expires_at ? Math.round((Date.parse(status.poll.expires_at) - now) / 1000) : 0;
  return { options: status.poll.options.map((o) => o.title), expiresIn: Math.max(left, 300), multiple: status.poll.multiple };
}

/**
 * Editing a published post (PUT /api/v1/statuses/:id, where the server profile says it can)
 * and Delete & redraft, for the posts this browser made. Only the background runs it.
 */
export function createEditService(deps: EditDeps) {
  const now = deps.now ?? Date.now;
  const ctxFor = (account: StoredAccount): ClientContext => ({ origin: account.origin, fetch: deps.fetch, timeoutMs: deps.timeoutMs });

  async function accountOf(accountId: string): Promise<StoredAccount | null> {
    return (await deps.accounts.read()).accounts.find((a) => a.id === accountId) ?? null;
  }

  /** A failed request as the person reads it; a post that is gone also leaves the list. */
  async function failure(error: unknown, account: StoredAccount, statusId: string): Promise<{ ok: false; error: EditError }> {
    if (error instanceof EditUnsupported) return { ok: false, error: { code: 'edit-unsupported' } };
    if (error instanceof MastodonError && error.details.status === 404) {
      await deps.recent.removed(account.id, statusId);
      return { ok: false, error: { code: 'post-gone' } };
    }
    const { profile, limits } = await deps.instances.limitsFor(account.origin);
    return { ok: false, error: postErrorFrom(error, account.id, profile, limits.maxCharacters) };
  }

  /**
   * A request to an edit endpoint (…/source, PUT) for a post just read: a 404 or 405 there
   * means the server lacks the endpoint (a release before its editing), not a gone post.
   */
  async function editEndpoint<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      const status = error instanceof MastodonError ? error.details.status : undefined;
      throw status === 404 || status === 405 ? new EditUnsupported() : error;
    }
  }

  /** The account and what its server's edit can change, or why there is nothing to edit. */
  async function editing(accountId: string): Promise<{ account: StoredAccount; ctx: ClientContext; altText: boolean } | { ok: false; error: EditError }> {
    const account = await accountOf(accountId);
    if (!account) return { ok: false, error: { code: 'no-account' } };
    const { profile } = await deps.instances.limitsFor(account.origin);
    if (!profile.editing) return { ok: false, error: { code: 'edit-unsupported' } };
    return { account, ctx: ctxFor(account), altText: profile.editing.altText };
  }

  async function view(accountId: string, post: RecentPost): Promise<RecentPostView> {
    const account = await accountOf(accountId);
    const editable = account ? (await deps.instances.limitsFor(account.origin)).profile.editing !== null : false;
    return { accountId, ...post, editable };
  }

  return {
    /** The newest posts of every connected account, newest first. */
    async list(): Promise<RecentPostView[]> {
      const { accounts } = await deps.accounts.read();
      const map = await deps.recent.list();
      const posts = accounts.flatMap((account) => (map[account.id] ?? []).map((post) => ({ account, post })));
      posts.sort((a, b) => b.post.postedAt - a.post.postedAt);
      return Promise.all(posts.slice(0, RECENT_POSTS_PER_ACCOUNT).map(({ account, post }) => view(account.id, post)));
    },

    async open(accountId: string, statusId: string): Promise<EditOpenOutcome> {
      const can = await editing(accountId);
      if ('error' in can) return can;
      const { account, ctx } = can;
      try {
        const status = await getStatus(ctx, account.token, statusId);
        const source = await editEndpoint(statusSource(ctx, account.token, statusId));
        return {
          ok: true,
          form: {
            accountId,
            statusId,
            text: source.text,
            spoilerText: source.spoiler_text,
            sensitive: status.sensitive,
            language: status.language,
            media: status.media_attachments.map((m) => ({ id: m.id, type: m.type, previewUrl: m.preview_url && webUrl(m.preview_url), description: m.description ?? '' })),
            altText: can.altText,
          },
        };
      } catch (error) {
        return failure(error, account, statusId);
      }
    },

    async save(accountId: string, statusId: string, changes: EditChanges): Promise<EditSaveOutcome> {
      const can = await editing(accountId);
      if ('error' in can) return can;
      const { account, ctx } = can;
      try {
        // Read again: the media and poll are sent back as they stand (an edit that leaves them out drops them).
        const current = await getStatus(ctx, account.token, statusId);
        const mediaIds = current.media_attachments.map((m) => m.id);
        const mediaAttributes = can.altText
          ? current.media_attachments.flatMap((m) => {
              const description = changes.descriptions[m.id];
              return description !== undefined && description !== (m.description ?? '') ? [{ id: m.id, description }] : [];
            })
          : [];
        const edited = await editEndpoint(editStatus(ctx, account.token, statusId, {
          status: changes.text,
          spoilerText: changes.spoilerText,
          sensitive: changes.sensitive,
          language: changes.language,
          mediaIds,
          mediaAttributes,
          poll: pollOf(current, now()),
        }));
        // Compared as a created post is (DESIGN §9); visibility can't change in an edit.
        const notApplied: Array<'text' | 'spoiler' | 'altText'> = differences(
          { status: changes.text, spoilerText: changes.spoilerText, visibility: 'public' },
          edited,
        ).filter((d) => d !== 'visibility');
        if (mediaAttributes.some((a) => edited.media_attachments.find((m) => m.id === a.id)?.description !== a.description)) notApplied.push('altText');
        const change = { text: changes.text, spoilerText: changes.spoilerText, editedAt: edited.edited_at ?? new Date(now()).toISOString() };
        await deps.recent.changed(accountId, statusId, change);
        const post = (await deps.recent.list())[accountId]?.find((p) => p.statusId === statusId);
        const shown = post ?? { statusId, url: edited.url, postedAt: now(), ...change };
        return { ok: true, post: await view(accountId, shown), notApplied };
      } catch (error) {
        return failure(error, account, statusId);
      }
    },

    /**
     * Deletes the post and makes it the draft again. Mastodon answers the deletion with the
     * source text and keeps the media, unattached, for the redraft: media the server still has
     * is attached as it is; media it dropped can't come back (its file is no longer kept here).
     */
    async redraft(accountId: string, statusId: string, draftId: DraftId): Promise<RedraftOutcome> {
      const account = await accountOf(accountId);
      if (!account) return { ok: false, error: { code: 'no-account' } };
      // Checked before deleting: words typed meanwhile are never overwritten, and the post stays.
      if (await deps.composer.draftInUse(draftId)) return { ok: false, error: { code: 'draft-in-use' } };
      const ctx = ctxFor(account);
      let deleted;
      try {
        deleted = await deleteForRedraft(ctx, account.token, statusId);
      } catch (error) {
        return failure(error, account, statusId);
      }
      await deps.recent.removed(accountId, statusId);
      const kept = await Promise.all(
        deleted.media_attachments.map(async (m): Promise<DraftMedia | null> => {
          try {
            const { attachment } = await getMedia(ctx, account.token, m.id);
            return {
              localId: `redraft-${m.id}`,
              fileName: attachment.url ? decodeURIComponent(attachment.url.split('/').pop() ?? '') || m.type : m.type,
              // The file itself is on the server only: its kind is what the status says.
              mimeType: `${m.type}/*`,
              size: 0,
              description: m.description ?? '',
              state: 'ready',
              serverId: m.id,
              uploadedFor: accountId,
              previewUrl: previewOf(attachment),
              descriptionSynced: true,
              error: null,
            };
          } catch {
            return null;
          }
        }),
      );
      const media = kept.filter((m): m is DraftMedia => m !== null);
      const visibility = DRAFT_VISIBILITIES.find((v) => v === deleted.visibility) ?? null;
      const fresh = await deps.composer.newDraft(accountId);
      const draft: Draft = {
        ...fresh,
        accountId,
        // A server that sends no source: the words read from the HTML.
        text: deleted.text ?? plainText(deleted.content),
        spoilerEnabled: deleted.spoiler_text !== '',
        spoilerText: deleted.spoiler_text,
        visibility: visibility as DraftVisibility | null,
        language: deleted.language,
        sensitive: deleted.sensitive,
        media,
        poll: media.length === 0 ? pollOf(deleted, now()) : null,
      };
      const state = await deps.composer.restoreDraft(draftId, draft);
      return { ok: true, state, mediaLost: deleted.media_attachments.length - media.length };
    },
  };
}
export type EditService = ReturnType<typeof createEditService>;
