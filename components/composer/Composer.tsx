import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { checkDraft, checkNewMedia, remainingCharacters } from '@/lib/composer/rules';
import type { AccountView, DraftId } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from '../format';
import { AccountPicker } from './AccountPicker';
import type { ComposerBackend } from './backend';
import { ContentWarning } from './ContentWarning';
import { postLanguage } from '@/lib/composer/language';
import { LanguageSelect } from './LanguageSelect';
import { MediaList } from './MediaList';
import { newPoll, PollEditor } from './PollEditor';
import { PostErrorMessage, type ShownPostError } from './PostErrorMessage';
import { PostResult, type PostResultProps } from './PostResult';
import { PostText } from './PostText';
import { ServerOptions } from './ServerOptions';
import { ProblemList } from './ProblemList';
import { problemText } from './problems';
import { readAsDataUrl } from './readFile';
import { ScheduleField } from './ScheduleField';
import { useDraftSync } from './useDraftSync';
import { VisibilitySelect } from './VisibilitySelect';

export interface ComposerProps {
  backend: ComposerBackend;
  draftId: DraftId;
  /** Every connected account, for the picker. */
  accounts: AccountView[];
  onAddAccount(): void;
  /** Starts the connect flow again for an account whose session ended. */
  onReconnect(accountId: string): void;
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function Composer({ backend, draftId, accounts, onAddAccount, onReconnect }: ComposerProps) {
  const id = useId();
  const sync = useDraftSync(backend, draftId);
  const [posting, setPosting] = useState(false);
  const [posted, setPosted] = useState<Omit<PostResultProps, 'onDismiss'> | null>(null);
  const [postError, setPostError] = useState<ShownPostError | null>(null);
  /** Why files were not attached, one sentence each. */
  const [refusals, setRefusals] = useState<string[]>([]);
  const [adding, setAdding] = useState(0);
  const [dropping, setDropping] = useState(false);
  /** Object URLs of files picked here: thumbnails until the server has a preview. */
  const [localPreviews, setLocalPreviews] = useState<Record<string, string>>({});
  const previewUrls = useRef(localPreviews);
  previewUrls.current = localPreviews;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const loaded = sync.composer !== null;
  // The person opened the composer to write: the text box has focus, caret after the text.
  useLayoutEffect(() => {
    const field = textarea.current;
    if (!loaded || !field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [loaded]);

  // Posting disables the form (nothing typed then could be lost with the posted draft),
  // which drops the focus: give it back to the text.
  const wasPosting = useRef(false);
  useEffect(() => {
    if (wasPosting.current && !posting) textarea.current?.focus();
    wasPosting.current = posting;
  }, [posting]);

  useEffect(() => () => Object.values(previewUrls.current).forEach((url) => URL.revokeObjectURL(url)), []);

  if (!sync.composer) {
    return sync.loadFailed ? (
      <>
        {/* The fresh draft after a post may be what failed to load: the post still counts. */}
        {posted && <PostResult {...posted} onDismiss={() => setPosted(null)} />}
        <div role="alert" class="error">
          <p>{t('composerLoadFailed')}</p>
        </div>
      </>
    ) : null;
  }

  const { draft, limits, account, uiLanguage, counterStyle, server } = sync.composer;
  const host = account ? hostOf(account.origin) : '';
  const remaining = remainingCharacters(draft, limits, server.counting);
  const problems = checkDraft(draft, limits, Date.now(), server.counting);
  const hasMedia = draft.media.length > 0;

  function refuse(sentence: string) {
    setRefusals((shown) => (shown.includes(sentence) ? shown : [...shown, sentence]));
  }

  /** Checks each file against the instance's limits first: a refused file never leaves the machine. */
  async function addFiles(files: File[]) {
    setRefusals([]);
    for (const file of files) {
      const current = sync.draft();
      if (!current || !sync.composer) return;
      const problem = checkNewMedia(file, current, sync.composer.limits);
      if (problem) {
        refuse(problemText(problem));
        continue;
      }
      setAdding((n) => n + 1);
      try {
        const dataUrl = await readAsDataUrl(file);
        const added = await sync.addMedia({ fileName: file.name, mimeType: file.type, size: file.size, dataUrl });
        const { localId } = added;
        if (added.problem) refuse(problemText(added.problem));
        else if (localId && file.type.startsWith('image/')) {
          const url = URL.createObjectURL(file);
          setLocalPreviews((previews) => ({ ...previews, [localId]: url }));
        }
      } catch {
        refuse(t('mediaAddFailed', file.name));
      } finally {
        setAdding((n) => n - 1);
      }
    }
  }

  function removeMedia(localId: string) {
    const url = localPreviews[localId];
    if (url) URL.revokeObjectURL(url);
    setLocalPreviews(({ [localId]: _, ...rest }) => rest);
    void sync.remove(localId);
  }

  async function post() {
    const state = sync.composer;
    if (posting || !state || checkDraft(state.draft, state.limits, Date.now(), state.server.counting).length > 0) return;
    setPosting(true);
    setPosted(null);
    setPostError(null);
    setRefusals([]);
    try {
      await sync.flush();
    } catch {
      // Nothing was sent; the "couldn't save" alert says so, and Post stays there to retry.
      setPosting(false);
      return;
    }
    try {
      const outcome = await sync.post();
      if (outcome.ok) {
        Object.values(localPreviews).forEach((url) => URL.revokeObjectURL(url));
        setLocalPreviews({});
        setPosted({
          url: outcome.url,
          scheduledAt: outcome.scheduledAt,
          removedCopies: outcome.removedCopies,
          leftCopies: outcome.leftCopies,
        });
        await sync.reload();
      } else {
        setPostError(outcome.error);
      }
    } catch {
      setPostError({ code: 'no-answer' });
    } finally {
      setPosting(false);
    }
  }

  const saveNow = () => void sync.flush().catch(() => undefined);
  const blocking = problems.filter((problem) => problem.code !== 'empty');

  return (
    <div
      class={dropping ? 'composer stack dropping' : 'composer stack'}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void post();
        }
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        // Else the browser would open the file in place of the popup.
        event.preventDefault();
        setDropping(false);
        void addFiles([...(event.dataTransfer?.files ?? [])]);
      }}
    >
      <div class="composer-bar">
        <AccountPicker
          accounts={accounts}
          value={account?.id ?? draft.accountId ?? ''}
          disabled={posting}
          onChange={(accountId) => void sync.selectAccount(accountId)}
        />
        <button type="button" class="small" onClick={onAddAccount}>
          {t('addAccountButton')}
        </button>
      </div>
      {sync.composer.limitsAreDefaults && <p class="hint">{t('limitsUnknown', host)}</p>}

      <fieldset class="composer-fields stack" disabled={posting}>
        <ContentWarning
          enabled={draft.spoilerEnabled}
          text={draft.spoilerText}
          onToggle={(spoilerEnabled) => sync.edit({ spoilerEnabled })}
          onInput={(spoilerText) => sync.edit({ spoilerText }, true)}
          onBlur={saveNow}
        />
        <PostText
          value={draft.text}
          remaining={remaining}
          max={limits.maxCharacters}
          counterStyle={counterStyle}
          textareaRef={textarea}
          readOnly={posting}
          onInput={(text) => sync.edit({ text }, true)}
          onBlur={saveNow}
          onPasteFiles={(files) => void addFiles(files)}
        />
        <MediaList
          media={draft.media}
          localPreviews={localPreviews}
          descriptionLimit={limits.descriptionLimit}
          onDescribe={sync.describe}
          onDescriptionBlur={saveNow}
          onRemove={removeMedia}
          onRetry={(localId) => void sync.retry(localId)}
        />
        {draft.poll && <PollEditor poll={draft.poll} limits={limits} onChange={(poll, debounced) => sync.edit({ poll }, debounced)} onBlur={saveNow} />}

        <div class="row">
          {/* Mastodon takes media or a poll, never both. */}
          <button type="button" disabled={draft.poll !== null} onClick={() => fileInput.current?.click()}>
            {t('addMediaButton')}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept={limits.supportedMimeTypes.length > 0 ? limits.supportedMimeTypes.join(',') : 'image/*,video/*,audio/*'}
            onChange={(event) => {
              const files = [...(event.currentTarget.files ?? [])];
              // Cleared so that picking the same file again (after removing it) fires again.
              event.currentTarget.value = '';
              void addFiles(files);
            }}
          />
          <button
            type="button"
            disabled={hasMedia && !draft.poll}
            onClick={() => sync.edit({ poll: draft.poll ? null : newPoll(limits) })}
          >
            {t(draft.poll ? 'removePollButton' : 'addPollButton')}
          </button>
        </div>
        {adding > 0 && (
          <p role="status" class="hint">
            {t('mediaAdding')}
          </p>
        )}
        {refusals.length > 0 && (
          <ul role="alert" class="error problems">
            {refusals.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        )}
        {hasMedia && (
          <label class="check">
            <input type="checkbox" checked={draft.sensitive} onChange={(event) => sync.edit({ sensitive: event.currentTarget.checked })} />
            {t('sensitiveMedia')}
          </label>
        )}

        <div class="row">
          <VisibilitySelect
            value={draft.visibility ?? account?.defaults.visibility ?? 'public'}
            mutualsOnly={server.mutualsOnly}
            onChange={(visibility) => sync.edit({ visibility })}
          />
          <LanguageSelect
            value={postLanguage(draft.language, account?.defaults.language ?? null, uiLanguage)}
            onChange={(language) => sync.edit({ language })}
          />
        </div>
        <ServerOptions
          server={server}
          localOnly={draft.localOnly ?? false}
          contentType={draft.contentType ?? null}
          onLocalOnly={(localOnly) => sync.edit({ localOnly })}
          onContentType={(contentType) => sync.edit({ contentType })}
        />
        <ScheduleField
          value={draft.scheduledAt}
          invalid={problems.some((p) => p.code === 'schedule-too-soon' || p.code === 'schedule-invalid')}
          onChange={(scheduledAt) => sync.edit({ scheduledAt })}
        />
      </fieldset>

      {sync.saveFailed && (
        <p role="alert" class="error">
          {t('composerSaveFailed')}
        </p>
      )}
      <ProblemList id={`${id}-problems`} problems={blocking} />
      <div class="post-row">
        {posting && (
          <p role="status" class="progress-phase">
            <span class="spinner" aria-hidden="true" />
            {t('posting')}
          </p>
        )}
        <button
          type="button"
          class="primary"
          disabled={posting || problems.length > 0}
          aria-describedby={`${id}-problems`}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => void post()}
        >
          {t('postButton')}
        </button>
      </div>
      {posted && <PostResult {...posted} onDismiss={() => setPosted(null)} />}
      {postError && <PostErrorMessage error={postError} host={host} onReconnect={onReconnect} onRetry={() => void post()} />}
    </div>
  );
}
