import { useId } from 'preact/hooks';
import { MIN_SCHEDULE_AHEAD_MS } from '@/lib/composer/rules';
import { t } from '@/utils/i18n';
import { formatLocalTime } from '../format';
import { fromLocalInputValue, toLocalInputValue } from './datetime-input';
import { ClockIcon, CloseIcon } from './icons';
import './ScheduleField.css';

export interface ScheduleFieldProps {
  /** ISO time, or null to post now. */
  value: string | null;
  /** checkDraft objects to the time (too soon, invalid); the reason is listed by the Post button. */
  invalid: boolean;
  /** Escape: the field goes away again (the time, if any, stays on its chip). */
  onClose(): void;
  onChange(scheduledAt: string | null): void;
}

/** "Pick a time…": the date-time field, loaded when first chosen (folded.tsx), with the chip below. */
export function ScheduleField({ value, invalid, onClose, onChange }: ScheduleFieldProps) {
  const id = useId();
  const date = value === null ? null : new Date(value);
  const shown = date && !Number.isNaN(date.getTime()) ? toLocalInputValue(date) : '';
  return (
    <div class="field">
      <label for={id}>{t('scheduleLabel')}</label>
      <input
        id={id}
        type="datetime-local"
        // Rounded up to the next minute: the field has no seconds.
        min={toLocalInputValue(new Date(Math.ceil((Date.now() + MIN_SCHEDULE_AHEAD_MS) / 60_000) * 60_000))}
        value={shown}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(fromLocalInputValue(event.currentTarget.value))}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onClose();
        }}
      />
      <p id={`${id}-hint`} class="hint">
        {t('scheduleHint')}
      </p>
    </div>
  );
}

export interface ScheduleChipProps {
  value: string;
  disabled?: boolean;
  onClear(): void;
}

/** The chosen time, at a glance; a click takes it off (the post goes out at once again). */
export function ScheduleChip({ value, disabled, onClear }: ScheduleChipProps) {
  const date = new Date(value);
  const shown = Number.isNaN(date.getTime()) ? value : formatLocalTime(date);
  return (
    <button type="button" class="chip" disabled={disabled} aria-label={t('scheduleChipLabel', shown)} title={t('scheduleClear')} onClick={onClear}>
      <ClockIcon />
      <span>{shown}</span>
      <CloseIcon />
    </button>
  );
}
