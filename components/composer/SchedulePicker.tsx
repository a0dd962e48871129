import { quickSchedules, type QuickSchedule } from '@/lib/composer/schedule';
import { t, type MessageKey } from '@/utils/i18n';
import { formatLocalTime } from '../format';
import { ClockIcon } from './icons';
import { ToolMenu } from './ToolMenu';

const QUICK_LABELS: Record<QuickSchedule, MessageKey> = {
  'in-an-hour': 'scheduleInAnHour',
  'this-evening': 'scheduleThisEvening',
  'tomorrow-morning': 'scheduleTomorrowMorning',
};

export interface ScheduleMenuProps {
  /** ISO time, or null to post now. */
  value: string | null;
  disabled?: boolean;
  onChange(scheduledAt: string): void;
  /** "Pick a time…": the composer shows the date-time field. */
  onPickTime(): void;
}

/** The toolbar's schedule button: quick choices, each with the time it means, and "pick a time". */
export function ScheduleMenu({ value, disabled, onChange, onPickTime }: ScheduleMenuProps) {
  const now = new Date();
  return (
    <ToolMenu
      label={t('scheduleButton')}
      current={value ? formatLocalTime(new Date(value), now) : undefined}
      icon={<ClockIcon />}
      active={value !== null}
      alignEnd
      disabled={disabled}
      items={[
        ...quickSchedules(now).map(({ choice, at }) => ({
          key: choice,
          label: t(QUICK_LABELS[choice]),
          description: formatLocalTime(at, now),
          onSelect: () => onChange(at.toISOString()),
        })),
        { key: 'pick', label: t('schedulePickTime'), onSelect: onPickTime },
      ]}
    />
  );
}
