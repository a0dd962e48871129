/** The schedule's date-time field (`<input type="datetime-local">`) and the instants it stands for. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as `<input type="datetime-local">` shows it: the person's local wall clock. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The input's local wall-clock value as an ISO instant; null when the field is cleared or invalid. */
export function fromLocalInputValue(value: string): string | null {
  // Without an offset, a date-time string is local time (ECMAScript Date parsing).
  const date = new Date(value);
  return value === '' || Number.isNaN(date.getTime()) ? null : date.toISOString();
}
