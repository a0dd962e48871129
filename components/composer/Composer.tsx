import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { postLanguage } from '@/lib/composer/language';
import { checkDraft, remainingCharacters } from '@/lib/composer/rules';
import type { AccountView, DraftId } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from '../format';
import { LoadFailed } from '../LoadFailed';
import { VisibilitySelect } from '../VisibilitySelect';
import { AccountPicker } from './AccountPicker';
import type { ComposerBackend } from './backend';
import { ContentWarning } from './ContentWarning';
import { LanguageSelect } from './LanguageSelect';
import { MediaList } from './MediaList';
import { newPoll, PollEditor } from './PollEditor';
import { PostErrorMessage } from './PostErrorMessage';
import { PostResult } from './PostResult';
import { PostText } from './PostText';
import { ProblemList } from './ProblemList';
import { ScheduleField } from './ScheduleField';
import { ServerOptions } from './ServerOptions';
import { useDraftSync } from './useDraftSync';
import { useMediaAdding } from './useMediaAdding';
import { usePosting } from './usePosting';

export interface ComposerProps {
  backend: ComposerBackend;
  draftId: DraftId;
  /** Every connected account, for the picker. */
  accounts: AccountView[];
  onAddAccount(): void;
  /** Starts the connect flow again for an account whose session ended. */
  onReconnect(accountId: string): void;
}

export function Composer({ backend, draftId, accounts, onAddAccount, onReconnect }: ComposerProps) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const sync = useDraftSync(backend, draftId);
  const media = useMediaAdding(sync, backend);
  const posting = usePosting(sync, { textarea, onStart: media.clearRefusals, onPosted: media.forgetPreviews });

  const loaded = sync.composer !== null;
  // The person opened the composer to write: the text box has focus, caret after the text.
  useLayoutEffect(() => {
    const field = textarea.current;
    if (!loaded || !field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [loaded]);

  /** Bytes sent of each upload under way, as the background reports them. */
  const [progress, setProgress] = useState<Record<string, { sent: number; total: number }>>({});
  useEffect(
    () =>
      backend.onUploadProgress(({ draftId: of, localId, sent, total }) => {
        if (of === draftId) setProgress((shown) => ({ ...shown, [localId]: { sent, total } }));
      }),
    [backend, draftId],
  );

  // While the background works for this draft, notice if it is stopped: the draft it left
  // is asked for again (a restarted background has marked what was cut off, to retry).
  const working = posting.active || (sync.composer?.draft.media.some((m) => m.state !== 'ready' && m.state !== 'failed') ?? false);
  useEffect(() => (working ? backend.onBackgroundRestart(() => void sync.refresh()) : undefined), [backend, working]);

  const postResult = posting.posted && (
    <PostResult
      {...posting.posted}
      undoUntil={sync.composer?.undoUntil ?? null}
      undoing={posting.undoing}
      undoError={posting.undoError}
      host={sync.composer?.account ? hostOf(sync.composer.account.origin) : ''}
      onUndo={() => void posting.undo()}
      onDismiss={posting.dismissPosted}
    />
  );
  if (!sync.composer) {
    return sync.loadFailed ? (
      <>
        {/* The fresh draft after a post may be what failed to load: the post still counts. */}
        {postResult}
        <LoadFailed message={t('composerLoadFailed')} />
      </>
    ) : null;
  }

  const { draft, limits, account, uiLanguage, counterStyle, server } = sync.composer;
  const host = account ? hostOf(account.origin) : '';
  const remaining = remainingCharacters(draft, limits, server.counting);
  const problems = checkDraft(draft, limits, Date.now(), server.counting);
  const hasMedia = draft.media.length > 0;

  const blocking = problems.filter((problem) => problem.code !== 'empty');

  return (
    <div
      class={media.dropping ? 'composer stack dropping' : 'composer stack'}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void posting.post();
        }
      }}
      {...media.dropTarget}
    >
      <div class="composer-bar">
        <AccountPicker
          accounts={accounts}
          value={account?.id ?? draft.accountId ?? ''}
          disabled={posting.active}
          onChange={(accountId) => void sync.selectAccount(accountId)}
        />
        <button type="button" class="small" onClick={onAddAccount}>
          {t('addAccountButton')}
        </button>
      </div>
      {sync.composer.limitsAreDefaults && <p class="hint">{t('limitsUnknown', host)}</p>}

      <fieldset class="composer-fields stack" disabled={posting.active}>
        <ContentWarning
          enabled={draft.spoilerEnabled}
          text={draft.spoilerText}
          onToggle={(spoilerEnabled) => sync.edit({ spoilerEnabled })}
          onInput={(spoilerText) => sync.edit({ spoilerText }, true)}
          onBlur={sync.save}
        />
        <PostText
          value={draft.text}
          remaining={remaining}
          max={limits.maxCharacters}
          counterStyle={counterStyle}
          textareaRef={textarea}
          readOnly={posting.active}
          onInput={(text) => sync.edit({ text }, true)}
          onBlur={sync.save}
          onPasteFiles={(files) => void media.addFiles(files)}
        />
        <MediaList
          media={draft.media}
          localPreviews={media.localPreviews}
          descriptionLimit={limits.descriptionLimit}
          onDescribe={sync.describe}
          onDescriptionBlur={sync.save}
          progress={progress}
          onRemove={media.removeMedia}
          onRetry={(localId) => void sync.retry(localId)}
          onCancel={(localId) => void sync.cancel(localId)}
        />
        {draft.poll && <PollEditor poll={draft.poll} limits={limits} onChange={(poll, debounced) => sync.edit({ poll }, debounced)} onBlur={sync.save} />}

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
              void media.addFiles(files);
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
        {media.adding && (
          <p role="status" class="hint">
            {t('mediaAdding')}
          </p>
        )}
        {media.refusals.length > 0 && (
          <ul role="alert" class="error problems">
            {media.refusals.map((sentence) => (
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
            label={t('visibilityLabel')}
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
        {posting.active && (
          <p role="status" class="progress-phase">
            <span class="spinner" aria-hidden="true" />
            {t('posting')}
          </p>
        )}
        <button
          type="button"
          class="primary"
          disabled={posting.active || problems.length > 0}
          aria-describedby={`${id}-problems`}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => void posting.post()}
        >
          {t('postButton')}
        </button>
      </div>
      {postResult}
      {posting.error && <PostErrorMessage error={posting.error} host={host} onReconnect={onReconnect} onRetry={() => void posting.post()} />}
    </div>
  );
}
