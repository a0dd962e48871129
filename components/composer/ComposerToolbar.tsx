import { useRef } from 'preact/hooks';
import type { Draft, DraftPatch, DraftVisibility } from '@/lib/composer/draft';
import { newPoll, type Limits } from '@/lib/composer/rules';
import { t } from '@/utils/i18n';
import type { VisibilityChoice } from '../visibility-choices';
import { MediaList } from './folded';
import { EyeOffIcon, MediaIcon, PollIcon, WarningIcon } from './icons';
import { LanguagePicker } from './LanguagePicker';
import { ScheduleMenu } from './SchedulePicker';
import { ToolToggle } from './ToolToggle';
import { VisibilityMenu } from './VisibilityMenu';

export interface ComposerToolbarProps {
  /** While the post is being sent: no tool can be used. */
  disabled: boolean;
  /** What the tools show: the draft's poll, media, content warning, schedule and sensitive flag. */
  draft: Draft;
  /** The server's: the file types it takes, and what a new poll starts with. */
  limits: Limits;
  /**
   * The id of the sentence saying that a quote carries no media or poll: given while the
   * draft quotes a post, which disables both tools and names that sentence as the reason.
   */
  quoteHintId?: string;
  visibilityChoices: readonly VisibilityChoice[];
  visibility: DraftVisibility;
  /** The post's language (a code): the draft's own, else the account's or the browser's. */
  language: string;
  /** Languages of recent posts, latest first. */
  recentLanguages: readonly string[];
  /** A tool changed the draft: a poll added or removed, the visibility, the language, the sensitive flag. */
  onChange(patch: DraftPatch): void;
  /** Files picked with "Add media". */
  onAddFiles(files: File[]): void;
  /** The person switched the content warning: switched on, its field takes the focus. */
  onContentWarning(enabled: boolean): void;
  /** A quick choice of the schedule menu: the time field, if shown, goes. */
  onSchedule(scheduledAt: string): void;
  /** "Pick a time…" was chosen: the composer shows the date-time field. */
  onPickTime(): void;
}

/**
 * The composer's tools in one row of icon buttons, each folding what used to be a whole
 * form row: media, poll, content warning, visibility, language, schedule, and the
 * sensitive flag while media is attached. It shows the draft and reports what the
 * person changes; the composer saves it. The counter and Post beside it in the row stay
 * the composer's: they answer for the whole post, and the text box and the problem list
 * are tied to them by ids the composer makes.
 */
export function ComposerToolbar(props: ComposerToolbarProps) {
  const { draft, limits, quoteHintId, onChange } = props;
  const hasMedia = draft.media.length > 0;
  const hasPoll = draft.poll !== null;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <fieldset class="toolbar" role="group" aria-label={t('toolbarLabel')} disabled={props.disabled}>
      {/* Mastodon takes media or a poll, never both. */}
      <button
        type="button"
        class="tool"
        aria-label={t('addMediaButton')}
        title={t('addMediaButton')}
        disabled={hasPoll || !!quoteHintId}
        aria-describedby={quoteHintId}
        onClick={() => {
          fileInput.current?.click();
          // What attaches the files, and the list that shows them, load while the person picks them.
          import('./add-files').catch(() => undefined);
          MediaList.preload().catch(() => undefined);
        }}
      >
        <MediaIcon />
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
          props.onAddFiles(files);
        }}
      />
      <button
        type="button"
        class={hasPoll ? 'tool active' : 'tool'}
        aria-label={t(hasPoll ? 'removePollButton' : 'addPollButton')}
        title={t(hasPoll ? 'removePollButton' : 'addPollButton')}
        disabled={(hasMedia && !hasPoll) || !!quoteHintId}
        aria-describedby={quoteHintId}
        onClick={() => onChange({ poll: hasPoll ? null : newPoll(limits) })}
      >
        <PollIcon />
      </button>
      <ToolToggle label={t('contentWarningToggle')} icon={<WarningIcon />} checked={draft.spoilerEnabled} onChange={props.onContentWarning} />
      <VisibilityMenu choices={props.visibilityChoices} value={props.visibility} onChange={(visibility) => onChange({ visibility })} />
      <LanguagePicker value={props.language} recent={props.recentLanguages} onChange={(language) => onChange({ language })} />
      <ScheduleMenu value={draft.scheduledAt} onChange={props.onSchedule} onPickTime={props.onPickTime} />
      {hasMedia && <ToolToggle label={t('sensitiveMedia')} icon={<EyeOffIcon />} checked={draft.sensitive} onChange={(sensitive) => onChange({ sensitive })} />}
    </fieldset>
  );
}
