import { useId } from 'preact/hooks';
import type { DraftThread, DraftVisibility } from '@/lib/composer/draft';
import { numbering, replyVisibility, settled, threadStarted } from '@/lib/composer/thread';
import type { CounterStyle } from '@/lib/settings';
import { webUrl } from '@/lib/web-url';
import { t } from '@/utils/i18n';
import { visibilityChoices } from '../visibility-choices';
import { VisibilitySelect } from '../VisibilitySelect';
import { CharacterCounter } from './CharacterCounter';
import './ThreadEditor.css';

export interface ThreadEditorProps {
  thread: DraftThread;
  /** Characters left in each part, as the server counts it (numbering and CW included). */
  remaining: number[];
  max: number;
  counterStyle: CounterStyle;
  /** The first part's visibility: the replies follow it unless chosen. */
  visibility: DraftVisibility;
  mutualsOnly: boolean;
  /** The draft has media or a poll: it goes with the first part. */
  firstCarries: boolean;
  readOnly: boolean;
  /** `debounced`: typing, saved after a pause. */
  onChange(thread: DraftThread, debounced?: boolean): void;
  onBlur(): void;
  onBackToOne(): void;
}

/**
 * The thread before (and while) it is posted: one text box per part, each with its own
 * counter; parts the server has are shown as posted, with their link, and stay as they are.
 */
export function ThreadEditor(props: ThreadEditorProps) {
  const { thread, remaining, max, counterStyle, visibility, mutualsOnly, firstCarries, readOnly, onChange, onBlur, onBackToOne } = props;
  const id = useId();
  const total = thread.parts.length;
  const started = threadStarted(thread);
  const conventional = visibilityChoices(mutualsOnly).find((c) => c.value === replyVisibility({ replyVisibility: null }, visibility));
  const setText = (index: number, text: string) =>
    onChange({ ...thread, parts: thread.parts.map((part, i) => (i === index ? { ...part, text } : part)) }, true);
  return (
    <div class="thread stack">
      <ol class="thread-parts stack" aria-label={t('threadPartsLabel')}>
        {thread.parts.map((part, i) => {
          const link = part.posted?.url ? webUrl(part.posted.url) : null;
          return (
            <li key={i} class={part.posted ? 'thread-part posted' : 'thread-part'}>
              <label for={`${id}-part-${i}`} class="thread-part-label">
                {t('threadPartLabel', [String(i + 1), String(total)])}
              </label>
              <textarea
                id={`${id}-part-${i}`}
                class="thread-part-text"
                rows={3}
                value={part.text}
                readOnly={readOnly || settled(part)}
                aria-invalid={remaining[i]! < 0}
                aria-describedby={`${id}-counter-${i}`}
                onInput={(event) => setText(i, event.currentTarget.value)}
                onBlur={onBlur}
              />
              <div class="thread-part-footer">
                {thread.numbered && <span class="hint">{t('threadPartNumber', numbering(i, total))}</span>}
                {i === 0 && firstCarries && <span class="hint">{t('threadPartMedia')}</span>}
                {part.posted ? (
                  <span id={`${id}-counter-${i}`} class="thread-part-posted">
                    {t('threadPartPosted')}{' '}
                    {link && (
                      <a href={link} target="_blank" rel="noopener noreferrer">
                        {t('threadPartView', String(i + 1))}
                      </a>
                    )}
                  </span>
                ) : (
                  <CharacterCounter id={`${id}-counter-${i}`} remaining={remaining[i]!} max={max} style={counterStyle} />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div class="row thread-options">
        {/* Fixed once a part is out: the posted parts carry their numbers. */}
        <label class="check">
          <input
            type="checkbox"
            checked={thread.numbered}
            disabled={readOnly || started}
            onChange={(event) => onChange({ ...thread, numbered: event.currentTarget.checked })}
          />
          {t('threadNumbering', String(total))}
        </label>
        <VisibilitySelect
          label={t('threadRepliesVisibility', String(total))}
          value={thread.replyVisibility}
          mutualsOnly={mutualsOnly}
          unsetLabel={t('threadRepliesConvention', conventional?.label ?? '')}
          onChange={(replyVisibility) => onChange({ ...thread, replyVisibility })}
        />
        <button type="button" class="small link-button" disabled={readOnly || started} onClick={onBackToOne}>
          {t('threadBackToOne')}
        </button>
      </div>
      {started && <p class="hint">{t('threadStartedHint')}</p>}
    </div>
  );
}
