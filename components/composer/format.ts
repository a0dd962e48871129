/**
 * `@alice@example.social` as the UI names an account. (Durations and sizes, and the
 * date-time field's values, which only folded parts show, are in amounts.ts and
 * datetime-input.ts: this module loads at rest.)
 */
export const handle = (accountId: string) => `@${accountId}`;
