import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import type { DraftPoll } from '@/lib/composer/draft';
import { pollDurationPresets, type Limits } from '@/lib/composer/rules';
import { t } from '@/utils/i18n';
import { formatDuration } from './amounts';
import './PollEditor.css';

export interface PollEditorProps {
  poll: DraftPoll;
  limits: Limits;
  /** `debounced` while typing an option; structural changes are saved at once. */
  onChange(poll: DraftPoll, debounced?: boolean): void;
  onBlur(): void;
}

export function PollEditor({ poll, limits, onChange, onBlur }: PollEditorProps) {
  const id = useId();
  const list = useRef<HTMLOListElement>(null);
  /** The option to focus after adding or removing one (its button is gone or far away). */
  const focusOption = useRef<number | null>(null);
  const presets = pollDurationPresets(limits);
  // A duration from another instance stays visible (checkDraft says why it can't be posted).
  const durations = presets.includes(poll.expiresIn) ? presets : [...presets, poll.expiresIn].sort((a, b) => a - b);
  const { options } = poll;

  useLayoutEffect(() => {
    if (focusOption.current === null) return;
    list.current?.querySelectorAll('input')[focusOption.current]?.focus();
    focusOption.current = null;
  }, [options.length]);

  const setOption = (index: number, value: string) =>
    onChange({ ...poll, options: options.map((option, i) => (i === index ? value : option)) }, true);

  return (
    <fieldset class="poll">
      <legend>{t('pollLegend')}</legend>
      <ol ref={list} class="poll-options">
        {options.map((option, index) => {
          const number = String(index + 1);
          return (
            <li key={index}>
              <input
                type="text"
                aria-label={t('pollOptionLabel', number)}
                placeholder={t('pollOptionLabel', number)}
                maxLength={limits.pollMaxCharactersPerOption}
                value={option}
                onInput={(event) => setOption(index, event.currentTarget.value)}
                onBlur={onBlur}
              />
              {options.length > 2 && (
                <button
                  type="button"
                  class="small"
                  aria-label={t('pollRemoveOption', number)}
                  title={t('pollRemoveOption', number)}
                  onClick={() => {
                    focusOption.current = Math.max(0, index - 1);
                    onChange({ ...poll, options: options.filter((_, i) => i !== index) });
                  }}
                >
                  ✕
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {options.length < limits.pollMaxOptions && (
        <button
          type="button"
          class="small"
          onClick={() => {
            focusOption.current = options.length;
            onChange({ ...poll, options: [...options, ''] });
          }}
        >
          {t('pollAddOption')}
        </button>
      )}
      <div class="poll-settings">
        <div class="field">
          <label for={`${id}-duration`}>{t('pollDurationLabel')}</label>
          <select
            id={`${id}-duration`}
            value={String(poll.expiresIn)}
            onChange={(event) => onChange({ ...poll, expiresIn: Number(event.currentTarget.value) })}
          >
            {durations.map((seconds) => (
              <option key={seconds} value={String(seconds)}>
                {formatDuration(seconds)}
              </option>
            ))}
          </select>
        </div>
        <label class="check">
          <input type="checkbox" checked={poll.multiple} onChange={(event) => onChange({ ...poll, multiple: event.currentTarget.checked })} />
          {t('pollMultiple')}
        </label>
      </div>
    </fieldset>
  );
}
