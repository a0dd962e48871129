import type { CounterStyle } from '@/lib/settings';
import { act } from '@testing-library/preact';
import { vi } from 'vitest';
import type { ComposerBackend } from '@/components/composer/backend';
import { emptyDraft, type Draft, type DraftMedia } from '@/lib/composer/draft';
import { chosenAccounts, crossposting, targetDone } from '@/lib/composer/chosen';
import type { Limits } from '@/lib/composer/rules';
import { checkNewMedia } from '@/lib/composer/media-check';
import type { DraftTarget } from '@/lib/composer/targets';
import { applyPatch } from '@/lib/composer/thread';
import { DEFAULT_LIMITS } from '@/lib/mastodon/instance';
import type { SuggestionKind, SuggestOutcome } from '@/lib/composer/autocomplete';
import type { AccountView, ComposerState, DraftId, PostOutcome, UndoOutcome, UploadProgressEvent } from '@/lib/messages';
import { MASTODON_PROFILE, type ServerProfile } from '@/lib/server-profile';

export const alice: AccountView = {
  id: 'alice@example.social',
  username: 'alice',
  displayName: 'Alice',
  avatar: 'https://example.social/avatars/alice.png',
  origin: 'https://example.social',
  scopes: ['read:accounts', 'write:statuses', 'write:media'],
  defaults: { visibility: 'public', language: null, sensitive: false },
};
export const bob: AccountView = {
  ...alice,
  id: 'bob@other.example',
  username: 'bob',
  displayName: 'Bob',
  origin: 'https://other.example',
  defaults: { visibility: 'unlisted', language: 'de', sensitive: false },
};

export function draftOf(overrides: Partial<Draft> = {}): Draft {
  return { ...emptyDraft('key-1', alice.id, 0), ...overrides };
}

export function mediaOf(overrides: Partial<DraftMedia> = {}): DraftMedia {
  return {
    localId: 'm1',
    fileName: 'cat.png',
    mimeType: 'image/png',
    size: 1000,
    description: '',
    state: 'ready',
    serverId: '101',
    uploadedFor: alice.id,
    previewUrl: 'https://example.social/media/cat-small.png',
    descriptionSynced: true,
    error: null,
    ...overrides,
  };
}

interface FakeOptions {
  accounts?: AccountView[];
  draft?: Partial<Draft>;
  /** Per account id; Mastodon's defaults for the rest. */
  limits?: Record<string, Partial<Limits>>;
  counterStyle?: CounterStyle;
  recentLanguages?: string[];
  altTextReminder?: boolean;
  /** What `suggest` answers, per `kind:query` ("account:al"); nothing found for the rest. */
  suggestions?: Record<string, SuggestOutcome>;
  /** The instance has quote posts (Mastodon API version ≥ 7). */
  quotes?: boolean;
  /** The account's server profile; Mastodon's by default. */
  server?: ServerProfile;
  /** Cross-posting: accounts whose server answers 503 to a post until `recover(accountId)`. */
  failing?: string[];
}

/**
 * A background in memory that behaves like the composer service: it stores the draft,
 * checks new media against the account's limits, and after a successful post keeps a
 * fresh draft. Tests change `drafts` as the real background would and `broadcast` plays
 * a draftChanged message.
 */
export function fakeComposer({
  accounts = [alice, bob],
  draft,
  limits = {},
  counterStyle = 'remaining',
  recentLanguages = [],
  altTextReminder = true,
  suggestions = {},
  server = MASTODON_PROFILE,
  quotes = false,
  failing = [],
}: FakeOptions = {}) {
  const down = new Set(failing);
  const drafts: Partial<Record<DraftId, Draft>> = { popup: draftOf(draft) };
  const listeners = new Set<(data: { draftId: DraftId; draft: Draft }) => void>();
  let nextFile = 1;
  /** The extension's file store, as the page writes it. */
  const files = new Map<string, Blob>();
  const progressListeners = new Set<(data: UploadProgressEvent) => void>();
  const restartListeners = new Set<() => void>();
  const limitsOf = (accountId: string | null): Limits => ({ ...DEFAULT_LIMITS, ...(accountId ? limits[accountId] : {}) });
  const stored = (draftId: DraftId) => (drafts[draftId] ??= draftOf());
  const save = (draftId: DraftId, change: (d: Draft) => Draft) => structuredClone((drafts[draftId] = change(stored(draftId))));
  const state = (draftId: DraftId): ComposerState => {
    const d = stored(draftId);
    return {
      draftId,
      quotes,
      draft: structuredClone(d),
      account: accounts.find((a) => a.id === d.accountId) ?? null,
      limits: limitsOf(d.accountId),
      limitsAreDefaults: false,
      server,
      uiLanguage: 'en-US',
      counterStyle,
      undoUntil: undoable.get(draftId)?.until ?? null,
      recentLanguages,
      altTextReminder,
      // Cross-posting: every chosen account's server, the counter follows the strictest.
      servers: crossposting(d)
        ? chosenAccounts(d).map((id) => ({ accountId: id, host: new URL(accounts.find((a) => a.id === id)!.origin).host, limits: limitsOf(id), counting: server.counting }))
        : [],
    };
  };
  /** Cross-posting as the background does it: each account not yet posted to, its own result; done when all are. */
  const crosspost = (draftId: DraftId, only?: string): PostOutcome => {
    for (const id of chosenAccounts(stored(draftId))) {
      const target = stored(draftId).targets[id] ?? { idempotencyKey: `key-${id}`, state: 'pending', statuses: [], scheduledAt: null, error: null, unconfirmedSince: null, media: {} };
      if (targetDone(target) || (only !== undefined && id !== only)) continue;
      const result: Partial<DraftTarget> = down.has(id)
        ? { state: 'failed', error: { code: 'server-error', status: 503 } }
        : { state: 'posted', error: null, statuses: [{ id: '7', url: `${accounts.find((a) => a.id === id)!.origin}/@${id.split('@')[0]}/7` }] };
      save(draftId, (d) => ({ ...d, targets: { ...d.targets, [id]: { ...target, ...result } } }));
    }
    const d = stored(draftId);
    const missing = chosenAccounts(d).filter((id) => !targetDone(d.targets[id]));
    if (missing.length > 0) return { ok: false, error: { code: 'not-all-posted', failed: missing.length } };
    drafts[draftId] = draftOf({ idempotencyKey: `${d.idempotencyKey}-next`, accountId: d.accountId, crosspostTo: d.crosspostTo });
    const first = d.targets[chosenAccounts(d)[0]!]!;
    return { ok: true, url: first.statuses[0]!.url, scheduledAt: null, targets: d.targets };
  };
  /** Posted drafts Undo can bring back, as the background keeps them. */
  const undoable = new Map<DraftId, { draft: Draft; until: number }>();
  const patchMedia = (draftId: DraftId, localId: string, patch: Partial<DraftMedia>) =>
    save(draftId, (d) => ({ ...d, media: d.media.map((m) => (m.localId === localId ? { ...m, ...patch } : m)) }));

  const backend = {
    getComposer: vi.fn(async ({ draftId }: { draftId: DraftId }) => state(draftId)),
    updateDraft: vi.fn(async ({ draftId, patch }: Parameters<ComposerBackend['updateDraft']>[0]) =>
      save(draftId, (d) => applyPatch(d, patch)),
    ),
    selectAccount: vi.fn(async ({ draftId, accountId }: { draftId: DraftId; accountId: string }) => {
      save(draftId, (d) => ({ ...d, accountId, media: d.media.map((m) => ({ ...m, state: 'uploading', serverId: null })) }));
      return state(draftId);
    }),
    addMedia: vi.fn(async ({ draftId, media }: Parameters<ComposerBackend['addMedia']>[0]) => {
      const d = stored(draftId);
      const file = files.get(media.fileId);
      if (!file) return { draft: structuredClone(d), problem: { code: 'media-failed' as const, fileName: media.fileName } };
      const problem = checkNewMedia({ name: media.fileName, type: file.type, size: file.size }, d, limitsOf(d.accountId));
      if (problem) return { draft: structuredClone(d), problem };
      const added = mediaOf({
        localId: media.fileId,
        fileName: media.fileName,
        mimeType: media.mimeType,
        size: media.size,
        state: 'uploading',
        serverId: null,
        uploadedFor: null,
        previewUrl: null,
      });
      return { draft: save(draftId, (old) => ({ ...old, media: [...old.media, added] })), problem: null };
    }),
    describeMedia: vi.fn(async ({ draftId, localId, description }: { draftId: DraftId; localId: string; description: string }) =>
      patchMedia(draftId, localId, { description }),
    ),
    removeMedia: vi.fn(async ({ draftId, localId }: { draftId: DraftId; localId: string }) =>
      save(draftId, (d) => ({ ...d, media: d.media.filter((m) => m.localId !== localId) })),
    ),
    retryMedia: vi.fn(async ({ draftId, localId }: { draftId: DraftId; localId: string }) =>
      patchMedia(draftId, localId, { state: 'uploading', error: null }),
    ),
    cancelUpload: vi.fn(async ({ draftId, localId }: { draftId: DraftId; localId: string }) =>
      patchMedia(draftId, localId, { state: 'failed', error: 'cancelled' }),
    ),
    crosspostTo: vi.fn(async ({ draftId, accountIds }: { draftId: DraftId; accountIds: string[] }) => {
      save(draftId, (d) => ({ ...d, crosspostTo: accountIds }));
      return state(draftId);
    }),
    post: vi.fn(async ({ draftId, accountId }: { draftId: DraftId; idempotencyKey?: string; accountId?: string }): Promise<PostOutcome> => {
      if (crossposting(stored(draftId)) || Object.keys(stored(draftId).targets).length > 0) return crosspost(draftId, accountId);
      const posted = stored(draftId);
      undoable.set(draftId, { draft: structuredClone(posted), until: Date.now() + 30_000 });
      drafts[draftId] = draftOf({ idempotencyKey: `${posted.idempotencyKey}-next`, accountId: posted.accountId });
      return { ok: true, url: 'https://example.social/@alice/110', scheduledAt: null };
    }),
    undoPost: vi.fn(async ({ draftId }: { draftId: DraftId }): Promise<UndoOutcome> => {
      const entry = undoable.get(draftId);
      if (!entry || entry.until <= Date.now()) return { ok: false, error: { code: 'undo-expired' } };
      undoable.delete(draftId);
      drafts[draftId] = { ...entry.draft, idempotencyKey: `${entry.draft.idempotencyKey}-again` };
      return { ok: true, state: state(draftId) };
    }),
    suggest: vi.fn(
      async ({ kind, query }: { accountId: string; kind: SuggestionKind; query: string }): Promise<SuggestOutcome> =>
        structuredClone(suggestions[`${kind}:${query}`] ?? { ok: true, suggestions: [] }),
    ),
    onDraftChanged: vi.fn((listener: (data: { draftId: DraftId; draft: Draft }) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    onUploadProgress: vi.fn((listener: (data: UploadProgressEvent) => void) => {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    }),
    storeFile: vi.fn(async (file: Blob) => {
      const id = `file${nextFile++}`;
      files.set(id, file);
      return id;
    }),
    discardFile: vi.fn(async (fileId: string) => void files.delete(fileId)),
    onBackgroundRestart: vi.fn((listener: () => void) => {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    }),
  } satisfies ComposerBackend;

  return {
    backend,
    drafts,
    listeners,
    files,
    restartListeners,
    stored,
    /** That account's server answers posts again. */
    recover(accountId: string) {
      down.delete(accountId);
    },
    /** Bytes sent of an upload, as the background broadcasts them. */
    async sent(localId: string, sent: number, total: number, draftId: DraftId = 'popup') {
      await act(async () => progressListeners.forEach((listener) => listener({ draftId, localId, sent, total })));
    },
    /** An upload step, as the background reports it: stored, then told to every surface. */
    async progress(localId: string, patch: Partial<DraftMedia>, draftId: DraftId = 'popup') {
      const draft = patchMedia(draftId, localId, patch);
      await act(async () => listeners.forEach((listener) => listener({ draftId, draft: structuredClone(draft) })));
    },
  };
}
