import type { StoredAccount } from '../accounts';
import type { ClientContext } from '../mastodon/context';
import { previewOf, UploadCancelled } from '../mastodon/media';
import { FileMissing } from '../mastodon/upload-transport';
import type { DraftId, NewMedia } from '../messages';
import type { Draft, DraftMedia } from './draft';
import { checkNewMedia } from './media-check';
import { postErrorFrom } from './post';
import type { ComposerProblem, Limits } from './rules';
import type { ComposerDeps } from './deps';
import { uploadAndProcess, waitUntilProcessed } from './upload';

/** What the uploads need of the composer service (lib/composer/service.ts). */
export interface MediaUploadsDeps
  extends Pick<ComposerDeps, 'drafts' | 'files' | 'uploads' | 'uploadStallMs' | 'uploadTiming' | 'broadcast' | 'broadcastProgress' | 'busy'> {
  ctxFor(account: StoredAccount): ClientContext;
  /** The draft with a usable account (the service's `current`). */
  current(draftId: DraftId): Promise<{ draft: Draft; account: StoredAccount | null }>;
  /** Changes the stored draft (serialised with every other change to it). */
  save(draftId: DraftId, change: (draft: Draft) => Draft): Promise<Draft>;
  /** What a new file must fit: the account's limits, or every chosen server's when cross-posting. */
  mediaLimits(draft: Draft, account: StoredAccount | null): Promise<Limits>;
}

/** An attachment about to be uploaded. */
export function pendingMedia(
  localId: string,
  file: Pick<DraftMedia, 'fileName' | 'mimeType' | 'size' | 'description'>,
  state: DraftMedia['state'] = 'uploading',
): DraftMedia {
  return {
    localId,
    ...file,
    state,
    serverId: null,
    uploadedFor: null,
    previewUrl: null,
    descriptionSynced: true,
    error: null,
  };
}

/**
 * A draft's attachments for its own account: each file checked, then uploaded and
 * processed in the background, in parallel, reporting each step into the stored draft;
 * cancelled, retried (a file the server was only slow to process is waited for again,
 * not sent twice) and resumed after a restart. Cross-posted copies are crosspost.ts's.
 */
export function createMediaUploads(deps: MediaUploadsDeps) {
  const { ctxFor, current, save } = deps;

  const patchMedia = (draftId: DraftId, localId: string, patch: Partial<DraftMedia>) =>
    save(draftId, (draft) => ({
      ...draft,
      media: draft.media.map((m) => (m.localId === localId ? { ...m, ...patch } : m)),
    }));

  /** Uploads and processing waits under way in this worker, by local id: what can be cancelled. */
  const inFlight = new Map<string, AbortController>();
  let working = 0;
  /** Counts work under way, so the background stays alive (or is woken to resume) until it is done. */
  async function tracked<T>(work: () => Promise<T>): Promise<T> {
    if (working++ === 0) deps.busy?.(true);
    try {
      return await work();
    } finally {
      if (--working === 0) deps.busy?.(false);
    }
  }

  async function report(draftId: DraftId, localId: string, patch: Partial<DraftMedia>) {
    deps.broadcast(draftId, await patchMedia(draftId, localId, patch));
  }

  /** Ready on the server: kept with the id (the alt text may have changed meanwhile). */
  async function ready(draftId: DraftId, localId: string, account: StoredAccount, sentDescription: string, attachment: { id: string; url: string | null; preview_url: string | null }) {
    const latest = (await deps.drafts.getValue())[draftId]?.media.find((m) => m.localId === localId);
    await report(draftId, localId, {
      state: 'ready',
      serverId: attachment.id,
      uploadedFor: account.id,
      previewUrl: previewOf(attachment),
      descriptionSynced: latest?.description === sentDescription,
      error: null,
    });
  }

  function failure(error: unknown, account: StoredAccount): string {
    if (error instanceof UploadCancelled) return 'cancelled';
    if (error instanceof FileMissing) return 'file-missing';
    const reason = postErrorFrom(error, account.id);
    return 'detail' in reason && reason.detail ? reason.detail : reason.code;
  }

  /** Uploads one attachment for the draft's account, reporting each step. */
  async function upload(draftId: DraftId, localId: string): Promise<void> {
    const { draft, account } = await current(draftId);
    const media = draft.media.find((m) => m.localId === localId);
    if (!media || !account) return;
    const controller = new AbortController();
    inFlight.get(localId)?.abort();
    inFlight.set(localId, controller);
    try {
      const attachment = await uploadAndProcess(
        ctxFor(account),
        account.token,
        { fileId: localId, fileName: media.fileName, description: media.description },
        // The server's id is kept at once: a restarted worker resumes the wait with it.
        (serverId) => report(draftId, localId, { state: 'processing', serverId, uploadedFor: account.id }),
        {
          transport: deps.uploads,
          signal: controller.signal,
          stallMs: deps.uploadStallMs,
          onProgress: (progress) => deps.broadcastProgress?.(draftId, localId, progress),
        },
        deps.uploadTiming,
      );
      await ready(draftId, localId, account, media.description, attachment);
    } catch (error) {
      // Removed meanwhile, or started again: that run reports, not this one.
      if (inFlight.get(localId) === controller) await report(draftId, localId, { state: 'failed', error: failure(error, account) });
    } finally {
      if (inFlight.get(localId) === controller) inFlight.delete(localId);
    }
  }

  const startUpload = (draftId: DraftId, localId: string) => {
    void tracked(() => upload(draftId, localId));
  };

  /** After a restart, or Retry after a long wait: waits for an attachment the server was still processing. */
  async function resumeProcessing(draftId: DraftId, media: DraftMedia, account: StoredAccount): Promise<void> {
    try {
      const attachment = await waitUntilProcessed(ctxFor(account), account.token, media.serverId!, deps.uploadTiming);
      await ready(draftId, media.localId, account, media.description, attachment);
    } catch (error) {
      await report(draftId, media.localId, { state: 'failed', error: failure(error, account) });
    }
  }

  /** Stops an upload or processing wait under way for the file, and forgets it. */
  function stop(localId: string) {
    inFlight.get(localId)?.abort();
    inFlight.delete(localId);
  }

  return {
    tracked,
    startUpload,
    resumeProcessing,
    report,
    patchMedia,
    stop,

    async addMedia(draftId: DraftId, file: NewMedia): Promise<{ draft: Draft; problem: ComposerProblem | null }> {
      const { draft, account } = await current(draftId);
      const limits = await deps.mediaLimits(draft, account);
      const localId = file.fileId;
      // The stored file is what gets sent: its own size and type are checked, not what the page said.
      const blob = draft.media.some((m) => m.localId === localId) ? undefined : await deps.files.get(localId);
      if (!blob) return { draft, problem: { code: 'media-failed', fileName: file.fileName } };
      const mimeType = blob.type || file.mimeType;
      const problem = checkNewMedia({ name: file.fileName, type: mimeType, size: blob.size }, draft, limits);
      if (problem) {
        await deps.files.delete(localId);
        return { draft, problem };
      }
      const media = pendingMedia(localId, { fileName: file.fileName, mimeType, size: blob.size, description: '' });
      const updated = await save(draftId, (d) => ({ ...d, media: [...d.media, media] }));
      startUpload(draftId, localId);
      return { draft: updated, problem: null };
    },

    async describeMedia(draftId: DraftId, localId: string, description: string): Promise<Draft> {
      await current(draftId);
      // Once uploaded, the server's copy must be updated (PUT) before posting.
      return save(draftId, (draft) => ({
        ...draft,
        media: draft.media.map((m) => (m.localId === localId ? { ...m, description, descriptionSynced: m.serverId === null } : m)),
      }));
    },

    async removeMedia(draftId: DraftId, localId: string): Promise<Draft> {
      await current(draftId);
      stop(localId);
      await deps.files.delete(localId);
      return save(draftId, (draft) => ({ ...draft, media: draft.media.filter((m) => m.localId !== localId) }));
    },

    /** Stops an upload under way; the file stays, failed with "cancelled", to retry or remove. */
    async cancelUpload(draftId: DraftId, localId: string): Promise<Draft> {
      await current(draftId);
      inFlight.get(localId)?.abort();
      return (await deps.drafts.getValue())[draftId]!;
    },

    async retryMedia(draftId: DraftId, localId: string): Promise<Draft> {
      const { draft: before, account } = await current(draftId);
      const media = before.media.find((m) => m.localId === localId);
      // The server has the file and was only slow to process it: wait for it again, don't send it twice.
      const waitAgain = media?.error === 'processing-timeout' && media.serverId && account && media.uploadedFor === account.id;
      const draft = await patchMedia(draftId, localId, { state: waitAgain ? 'processing' : 'uploading', error: null });
      if (waitAgain) void tracked(() => resumeProcessing(draftId, { ...media, state: 'processing' }, account));
      else startUpload(draftId, localId);
      return draft;
    },
  };
}

export type MediaUploads = ReturnType<typeof createMediaUploads>;
