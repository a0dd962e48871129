/** The schedule menu's quick choices, worked out on the person's local clock. */
export type QuickSchedule = 'in-an-hour' | 'this-evening' | 'tomorrow-morning';

/** When "this evening" and "tomorrow morning" are, as most calendars suggest them. */
const EVENING_HOUR = 19;
const MORNING_HOUR = 9;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The quick choices that make sense now: "this evening" only while the evening is still
 * more than an hour away (else it would read like "in an hour"). Times fall on a whole
 * minute, as the time field shows them.
 */
export function quickSchedules(now: Date): Array<{ choice: QuickSchedule; at: Date }> {
  const inAnHour = new Date(Math.ceil((now.getTime() + HOUR_MS) / 60_000) * 60_000);
  const evening = new Date(now.getFullYear(), now.getMonth(), now.getDate(), EVENING_HOUR);
  const morning = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, MORNING_HOUR);
  return [
    { choice: 'in-an-hour', at: inAnHour },
    ...(evening.getTime() - now.getTime() > HOUR_MS ? [{ choice: 'this-evening' as const, at: evening }] : []),
    { choice: 'tomorrow-morning', at: morning },
  ];
}
