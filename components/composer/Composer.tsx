import type { ComponentType } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { postLanguage } from '@/lib/composer/language';
import { chosenAccounts, limitsInForce, targetDone } from '@/lib/composer/chosen';
import { checkDraft, effectiveSpoiler, partRemaining, quoting, remainingCharacters } from '@/lib/composer/rules';
import { threadStarted } from '@/lib/composer/thread';
import type { AccountView, DraftId } from '@/lib/messages';
import { t } from '@/utils/i18n';
import { hostOf } from '../format';
import { LoadFailed } from '../LoadFailed';
import { visibilityChoices } from '../visibility-choices';
import { AccountPicker } from './AccountPicker';
import type { ComposerBackend } from './backend';
import { CharacterCounter } from './CharacterCounter';
import { ComposerToolbar } from './ComposerToolbar';
// At rest, not folded: ticking the toggle moves the focus into it at once, so a keyboard user's next keys land there.
import { ContentWarning } from './ContentWarning';
import {
  AltTextNudge,
  MediaList,
  PollEditor,
  PostErrorMessage,
  PostResult,
  ScheduleChip,
  ScheduleField,
  ServerOptions,
  TargetResults,
  ThreadEditor,
  ThreadOffer,
} from './folded';
import { PostText } from './PostText';
import { QuotePolicySelect } from './QuotePolicySelect';
import type { SharePanelProps } from './SharePanel';
import { ProblemList } from './ProblemList';
import { useDraftSync, type LastKnownComposer } from './useDraftSync';
import { useMediaAdding } from './useMediaAdding';
import { usePosting } from './usePosting';
import { useUploadProgress } from './useUploadProgress';
import { useWindowFiles } from './useWindowFiles';

export interface ComposerProps {
  backend: ComposerBackend;
  draftId: DraftId;
  /** Every connected account, for the picker. */
  accounts: AccountView[];
  onAddAccount(): void;
  /** Starts the connect flow again for an account whose session ended. */
  onReconnect(accountId: string): void;
  /** A post was made or undone: the popup's list of last posts is read again. */
  onPostsChanged?(): void;
  /** The composer as last shown: drawn before the background answers. */
  lastKnown?: LastKnownComposer;
  /**
   * Draws what a share window knows about the shared page, for a draft with a share.
   * Passed in by the share window, the only page whose drafts have one (the popup's
   * never does), so that the popup carries none of its code.
   */
  SharePanel?: ComponentType<SharePanelProps>;
}

/**
 * The composer as Mastodon, Elk and Phanpy taught people to expect it: the text first,
 * beside the account's avatar; one toolbar of icon buttons under it (ComposerToolbar, each
 * folding what used to be a whole form row); the counter and Post at the end of that row.
 */
export function Composer({ backend, draftId, accounts, onAddAccount, onReconnect, onPostsChanged, lastKnown, SharePanel }: ComposerProps) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const sync = useDraftSync(backend, draftId, lastKnown);
  const progress = useUploadProgress(backend, draftId);
  const media = useMediaAdding(sync, backend);
  const posting = usePosting(sync, {
    textarea,
    onStart: media.clearRefusals,
    onPosted: () => {
      media.forgetPreviews();
      onPostsChanged?.();
    },
  });
  /** "Pick a time…" was chosen: the date-time field is shown. */
  const [pickingTime, setPickingTime] = useState(false);
  /** The content warning was just switched on by the person (not restored): its field takes the focus. */
  const [warningJustEnabled, setWarningJustEnabled] = useState(false);
  /** The draft (by its key) whose missing alt text the person was already asked about: asked once only. */
  const [nudged, setNudged] = useState<{ key: string; open: boolean } | null>(null);
  /** Whether the offered thread's parts are numbered " 1/3". */
  const [numbered, setNumbered] = useState(false);
  useWindowFiles(media.addFiles);
  const loaded = sync.composer !== null;

  // The person opened the composer to write: the text box has focus, caret after the text.
  useLayoutEffect(() => {
    const field = textarea.current;
    if (!loaded || !field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [loaded]);

  // A fresh draft (after a post) starts without the time field.
  const draftKey = sync.composer?.draft.idempotencyKey;
  useEffect(() => setPickingTime(false), [draftKey]);

  // While the background works for this draft, notice if it is stopped: the draft it left
  // is asked for again (a restarted background has marked what was cut off, to retry).
  const working = posting.active || (sync.composer?.draft.media.some((m) => m.state !== 'ready' && m.state !== 'failed') ?? false);
  useEffect(() => (working ? backend.onBackgroundRestart(() => void sync.refresh()) : undefined), [backend, working]);

  /** The host of a connected account's server, as sentences name it. */
  const hostOfAccount = (accountId: string) => {
    const known = accounts.find((a) => a.id === accountId);
    return known ? hostOf(known.origin) : (accountId.split('@')[1] ?? '');
  };
  const posted = posting.posted;
  const postResult = posted && (
    <PostResult
      {...posted}
      results={
        posted.targets &&
        posted.accounts && (
          <TargetResults
            accounts={posted.accounts}
            targets={posted.targets}
            media={[]}
            progress={{}}
            hostOf={hostOfAccount}
            busy={false}
            onRetry={() => undefined}
            onReconnect={onReconnect}
          />
        )
      }
      undoUntil={sync.composer?.undoUntil ?? null}
      undoing={posting.undoing}
      undoError={posting.undoError}
      host={sync.composer?.account ? hostOf(sync.composer.account.origin) : ''}
      onUndo={() => void posting.undo().then(() => onPostsChanged?.())}
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

  const { draft, account, uiLanguage, counterStyle, recentLanguages, altTextReminder, server, servers } = sync.composer;
  // Cross-posting: every chosen server's limits at once, counted as the strictest counts.
  const { limits, counting, strictest } = limitsInForce(sync.composer);
  const host = account ? hostOf(account.origin) : '';
  const remaining = remainingCharacters(draft, limits, counting);
  const problems = checkDraft(draft, limits, Date.now(), counting);
  const chosen = chosenAccounts(draft, accounts);
  const postedTo = chosen.filter((accountId) => targetDone(draft.targets[accountId]));
  const showTargets = chosen.length > 1 && (posting.active || Object.values(draft.targets).some((target) => target.state !== 'pending'));
  const hasMedia = draft.media.length > 0;
  // Mastodon takes a quote without media or poll.
  const isQuote = quoting(draft);
  const visibility = draft.visibility ?? account?.defaults.visibility ?? 'public';

  const blocking = problems.filter((problem) => problem.code !== 'empty');
  const scheduleInvalid = problems.some((p) => p.code === 'schedule-too-soon' || p.code === 'schedule-invalid');
  const avatar = accounts.find((a) => a.id === (account?.id ?? draft.accountId))?.avatar;
  const nudgeOpen = nudged?.key === draft.idempotencyKey && nudged.open;
  const thread = draft.thread;
  /** Post, unless media lacks a description and the person has not been asked about it for this draft yet. */
  function requestPost() {
    const undescribed = draft.media.some((m) => m.description.trim() === '');
    if (altTextReminder && undescribed && nudged?.key !== draft.idempotencyKey && problems.length === 0 && !posting.active) {
      setNudged({ key: draft.idempotencyKey, open: true });
      return;
    }
    setNudged((shown) => (shown ? { ...shown, open: false } : shown));
    void posting.post();
  }

  return (
    <div
      ref={root}
      class={media.dropping ? 'composer stack dropping' : 'composer stack'}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          requestPost();
        }
      }}
      {...media.dropTarget}
    >
      {sync.composer.limitsAreDefaults && <p class="hint">{t('limitsUnknown', host)}</p>}
      <fieldset class="composer-fields composer-main" disabled={posting.active}>
        {/* Decorative: the handle beside it says who it is. */}
        {avatar ? <img class="avatar" src={avatar} alt="" width={36} height={36} /> : <span class="avatar" />}
        <div class="stack composer-column">
          <div class="composer-bar">
            <AccountPicker
              accounts={accounts}
              value={account?.id ?? draft.accountId ?? ''}
              // A thread's replies need the earlier parts' ids on that account's server.
              disabled={posting.active || threadStarted(thread)}
              onChange={(accountId) => void sync.selectAccount(accountId)}
              others={draft.crosspostTo.filter((accountId) => accountId !== draft.accountId)}
              posted={postedTo}
              onOthersChange={(accountIds) => void sync.crosspostTo(accountIds)}
            />
            <button type="button" class="small link-button" onClick={onAddAccount}>
              {t('addAccountButton')}
            </button>
          </div>
          {draft.spoilerEnabled && (
            <ContentWarning
              text={draft.spoilerText}
              focusOnShow={warningJustEnabled}
              onInput={(spoilerText) => sync.edit({ spoilerText }, true)}
              onBlur={sync.save}
            />
          )}
          {thread ? (
            <ThreadEditor
              thread={thread}
              remaining={thread.parts.map((_, i) => partRemaining(draft, i, limits, counting))}
              max={limits.maxCharacters}
              counterStyle={counterStyle}
              visibility={visibility}
              mutualsOnly={server.mutualsOnly}
              firstCarries={hasMedia || draft.poll !== null}
              readOnly={posting.active}
              onChange={(next, debounced) => sync.edit({ thread: next }, debounced)}
              onBlur={sync.save}
              onBackToOne={() => sync.edit({ thread: null })}
            />
          ) : (
            <PostText
              value={draft.text}
              invalid={remaining < 0}
              counterId={`${id}-counter`}
              textareaRef={textarea}
              readOnly={posting.active}
              backend={backend}
              accountId={account?.id ?? null}
              onInput={(text) => sync.edit({ text }, true)}
              onBlur={sync.save}
              onPasteFiles={(files) => void media.addFiles(files)}
            />
          )}
        </div>
      </fieldset>
      <fieldset class="composer-fields stack" disabled={posting.active}>
        {draft.share && SharePanel && (
          <SharePanel
            share={draft.share}
            text={draft.text}
            accountId={draft.accountId}
            hasMediaOrPoll={hasMedia || draft.poll !== null}
            disabled={posting.active}
            onChange={(patch) => sync.edit(patch)}
          />
        )}
        {isQuote && (
          <p id={`${id}-quote-only`} class="hint">
            {t('shareQuoteMediaDisabled')}
          </p>
        )}
        {/* Only where the server has quote policies (Mastodon API version 7). */}
        {sync.composer.quotes && (
          <QuotePolicySelect
            value={draft.quotePolicy ?? account?.defaults.quotePolicy ?? 'public'}
            visibility={visibility}
            onChange={(quotePolicy) => sync.edit({ quotePolicy })}
          />
        )}
        {hasMedia && (
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
        )}
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
        {draft.poll && <PollEditor poll={draft.poll} limits={limits} onChange={(poll, debounced) => sync.edit({ poll }, debounced)} onBlur={sync.save} />}
        {/* Only where the server offers them: most servers have neither. */}
        {(server.localOnly !== null || server.contentTypes.length > 0) && (
          <ServerOptions
            server={server}
            localOnly={draft.localOnly ?? false}
            contentType={draft.contentType ?? null}
            onLocalOnly={(localOnly) => sync.edit({ localOnly })}
            onContentType={(contentType) => sync.edit({ contentType })}
          />
        )}
        {pickingTime && (
          <ScheduleField
            value={draft.scheduledAt}
            invalid={scheduleInvalid}
            onClose={() => setPickingTime(false)}
            onChange={(scheduledAt) => sync.edit({ scheduledAt })}
          />
        )}
        {draft.scheduledAt !== null && (
          <div class="chips">
            <ScheduleChip
              value={draft.scheduledAt}
              onClear={() => {
                setPickingTime(false);
                sync.edit({ scheduledAt: null });
                textarea.current?.focus();
              }}
            />
          </div>
        )}
      </fieldset>
      {sync.saveFailed && (
        <p role="alert" class="error">
          {t('composerSaveFailed')}
        </p>
      )}
      <ProblemList id={`${id}-problems`} problems={blocking} />
      {strictest && (
        <p id={`${id}-strictest`} class="hint">
          {t('crosspostStrictest', [strictest.host, String(servers.length)])}
        </p>
      )}
      {/* Too long for one post: the parts it would make, counted as the server counts (CW and numbering included). */}
      {!thread && remaining < 0 && !posting.active && (
        <ThreadOffer
          text={draft.text}
          limits={{
            maxCharacters: limits.maxCharacters,
            charactersReservedPerUrl: limits.charactersReservedPerUrl,
            rule: counting,
            spoilerText: effectiveSpoiler(draft),
          }}
          numbered={numbered}
          onNumbered={setNumbered}
          onAccept={(next) => sync.edit({ thread: next })}
        />
      )}
      {nudgeOpen && (
        <AltTextNudge
          onAdd={() => {
            setNudged({ key: draft.idempotencyKey, open: false });
            const empty = [...(root.current?.querySelectorAll<HTMLTextAreaElement>('textarea.alt-text') ?? [])].find((f) => f.value.trim() === '');
            empty?.focus();
          }}
          onPostAnyway={requestPost}
        />
      )}
      <div class="toolbar-row">
        <ComposerToolbar
          disabled={posting.active}
          draft={draft}
          limits={limits}
          quoteHintId={isQuote ? `${id}-quote-only` : undefined}
          visibilityChoices={visibilityChoices(server.mutualsOnly)}
          visibility={visibility}
          language={postLanguage(draft.language, account?.defaults.language ?? null, uiLanguage)}
          recentLanguages={recentLanguages}
          onChange={sync.edit}
          onAddFiles={(files) => void media.addFiles(files)}
          onContentWarning={(spoilerEnabled) => {
            setWarningJustEnabled(spoilerEnabled);
            sync.edit({ spoilerEnabled });
          }}
          onSchedule={(scheduledAt) => {
            setPickingTime(false);
            sync.edit({ scheduledAt });
          }}
          onPickTime={() => setPickingTime(true)}
        />
        <div class="post-actions">
          {/* A thread's parts have a counter each. */}
          {!thread && <CharacterCounter id={`${id}-counter`} remaining={remaining} max={limits.maxCharacters} style={counterStyle} />}
          <button
            type="button"
            class="primary"
            disabled={posting.active || problems.length > 0}
            aria-describedby={`${id}-problems`}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={requestPost}
          >
            {t('postButton')}
          </button>
        </div>
      </div>
      {posting.active && (
        <p role="status" class="progress-phase">
          <span class="spinner" aria-hidden="true" />
          {t('posting')}
        </p>
      )}
      {showTargets && (
        <TargetResults
          accounts={chosen}
          targets={draft.targets}
          media={draft.media}
          progress={progress}
          hostOf={hostOfAccount}
          busy={posting.active}
          onRetry={(accountId) => void posting.post(accountId)}
          onReconnect={onReconnect}
        />
      )}
      {postResult}
      {posting.error && <PostErrorMessage error={posting.error} host={host} onReconnect={onReconnect} onRetry={() => void posting.post()} />}
    </div>
  );
}
