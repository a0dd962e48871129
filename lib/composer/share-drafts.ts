import type { StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import type { DraftId, UnfinishedShare } from '../messages';
import { isShareableUrl } from '../share/clean-url';
import { fetchSharedImage } from '../share/image';
import { checkQuote } from '../share/quote';
import type { Draft, DraftMap, DraftShare } from './draft';
import type { InstanceLimits } from './instance-limits';
import { checkNewMedia } from './media-check';
import { pendingMedia, type MediaUploads, type MediaUploadsDeps } from './media-uploads';
import type { ComposerDeps } from './deps';

/** What share windows' drafts need of the composer service (lib/composer/service.ts). */
export interface ShareDraftsDeps extends Pick<ComposerDeps, 'drafts' | 'files' | 'fetch' | 'broadcast'>, Pick<MediaUploadsDeps, 'current' | 'save' | 'mediaLimits'> {
  ctxFor(account: StoredAccount): ClientContext;
  limitsOf(account: StoredAccount): Promise<InstanceLimits>;
  newDraft(accountId: string | null): Promise<Draft>;
  /** Replaces the stored draft. */
  put(draftId: DraftId, draft: Draft): Promise<unknown>;
  /** Changes the whole map of drafts (serialised with every other change). */
  update(change: (drafts: DraftMap) => DraftMap): Promise<unknown>;
  onePostAtATime<T>(draftId: DraftId, task: () => Promise<T>): Promise<T>;
  uploads: Pick<MediaUploads, 'tracked' | 'startUpload' | 'report' | 'stop'>;
}

/**
 * Share windows' drafts (components/SharePanel, lib/share): seeded with what was shared,
 * the shared image fetched into its place, the quote checked with the draft's instance;
 * listed when their window closed before posting, and discarded on request.
 */
export function createShareDrafts(deps: ShareDraftsDeps) {
  const { current, save, ctxFor, limitsOf, mediaLimits, newDraft, put, update, onePostAtATime, uploads } = deps;
  const { tracked, startUpload, report } = uploads;

  /**
   * Asks the draft's instance whether the shared page is a post it can quote, and stores
   * the answer (the compose window hears it as a draftChanged). Failures end as "share
   * it as a link": quoting never blocks posting.
   */
  async function resolveQuote(draftId: DraftId): Promise<void> {
    const { draft, account } = await current(draftId);
    if (!draft.share) return;
    const share = draft.share;
    const setQuote = async (quote: Partial<DraftShare['quote']>) => {
      const updated = await save(draftId, (d) => (d.share ? { ...d, share: { ...d.share, quote: { ...d.share.quote, ...quote } } } : d));
      deps.broadcast(draftId, updated);
    };
    if (!account) return setQuote({ accountId: null, check: 'none', post: null, on: false });
    await setQuote({ accountId: account.id, check: 'checking', post: null, on: false });
    const { mastodonApiVersion } = await limitsOf(account);
    const result = await checkQuote({
      ctx: ctxFor(account),
      token: account.token,
      scopes: account.scopes,
      apiVersion: mastodonApiVersion,
      url: share.url,
      activityPub: share.activityPub,
    });
    // The person may have switched account meanwhile: only the latest account's answer counts.
    const latest = (await deps.drafts.getValue())[draftId];
    if (latest?.share?.quote.accountId !== account.id) return;
    await setQuote(result);
  }

  /**
   * The shared image arrived (or not): checked like a picked file, then uploaded. One
   * that could not be fetched is shared as its link instead; one the instance would
   * refuse stays in the list, failed with the reason.
   */
  async function attachFetched(draftId: DraftId, localId: string, fetched: { blob: Blob; fileName: string } | null, link: string | null): Promise<void> {
    const { draft, account } = await current(draftId);
    if (!draft.media.some((m) => m.localId === localId && m.state === 'fetching')) return;
    if (!fetched) {
      const updated = await save(draftId, (d) => ({
        ...d,
        text: link ? `${d.text}\n${link}`.trim() : d.text,
        media: d.media.filter((m) => m.localId !== localId),
      }));
      return deps.broadcast(draftId, updated);
    }
    const { blob, fileName } = fetched;
    const limits = await mediaLimits(draft, account);
    const others = { ...draft, media: draft.media.filter((m) => m.localId !== localId) };
    const problem = checkNewMedia({ name: fileName, type: blob.type, size: blob.size }, others, limits);
    const described = { fileName, mimeType: blob.type, size: blob.size };
    if (problem) return report(draftId, localId, { ...described, state: 'failed', error: problem.code });
    await deps.files.put(localId, blob);
    await report(draftId, localId, { ...described, state: 'uploading' });
    startUpload(draftId, localId);
  }

  /**
   * Fetches a shared image into its place in the draft. Tracked like an upload: the
   * background stays alive for it, and one stopped anyway starts it again (recover).
   */
  function fetchShared(draftId: DraftId, localId: string, source: string, timeoutMs?: number): Promise<void> {
    return tracked(async () => {
      const fetched = await fetchSharedImage(deps.fetch, source, timeoutMs);
      // An image we could not fetch is still shared: as its link.
      await attachFetched(draftId, localId, fetched, isShareableUrl(source) ? source : null);
    });
  }

  return {
    resolveQuote,
    fetchShared,

    /** Share drafts with something in them, newest first (the windows may be closed). */
    async unfinishedShares(): Promise<UnfinishedShare[]> {
      const drafts = Object.entries(await deps.drafts.getValue()) as Array<[DraftId, Draft | undefined]>;
      return drafts
        .flatMap(([draftId, d]) =>
          draftId.startsWith('share-') && d && (d.text.trim() !== '' || d.media.length > 0)
            ? [{ draftId, preview: d.text.trim().slice(0, 80), mediaCount: d.media.length, updatedAt: d.updatedAt }]
            : [],
        )
        .sort((a, b) => b.updatedAt - a.updatedAt);
    },

    /**
     * Share windows leave a fresh, empty draft behind once posted or closed unused: drop
     * those (never one with anything typed or attached).
     */
    async pruneEmptyShareDrafts(): Promise<void> {
      await update((drafts) =>
        Object.fromEntries(
          Object.entries(drafts).filter(([id, d]) => !id.startsWith('share-') || !d || d.text.trim() !== '' || d.media.length > 0),
        ),
      );
    },

    /**
     * A draft for a share window: the shared text, and (when an image is shared) its place
     * in the list, "fetching", so the window can open before the image has arrived.
     */
    async seed(
      draftId: DraftId,
      seed: {
        text: string;
        accountId?: string;
        /** `source`: the image's address, kept so that a fetch cut off by a worker stop starts again. */
        fetching?: { localId: string; fileName: string; description: string; source: string };
        /** What the shared page told about itself (authors, card, quote check). */
        share?: DraftShare;
      },
    ): Promise<Draft> {
      // An account that is gone (or none) becomes the default when `current` reads it.
      const draft = { ...(await newDraft(seed.accountId ?? null)), text: seed.text, share: seed.share ?? null };
      const image = seed.fetching;
      if (image) {
        const media = pendingMedia(image.localId, { fileName: image.fileName, mimeType: '', size: 0, description: image.description }, 'fetching');
        draft.media = [{ ...media, source: image.source }];
      }
      await put(draftId, draft);
      return (await current(draftId)).draft;
    },

    /**
     * A share window's draft the person gave up on: gone, with its files and any upload
     * of them. After a post of it under way (that one wins, and takes the files with it).
     */
    discardShareDraft(draftId: DraftId): Promise<void> {
      if (!draftId.startsWith('share-')) return Promise.resolve();
      return onePostAtATime(draftId, async () => {
        let discarded: Draft | undefined;
        await update(({ [draftId]: draft, ...rest }) => {
          discarded = draft;
          return rest;
        });
        for (const m of discarded?.media ?? []) uploads.stop(m.localId);
        await Promise.all((discarded?.media ?? []).map((m) => deps.files.delete(m.localId)));
      });
    },
  };
}
