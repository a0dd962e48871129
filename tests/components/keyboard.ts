import { fireEvent } from '@testing-library/preact';

/**
 * Enter in a text field, as a browser handles it (HTML "implicit submission"): the
 * keydown is dispatched and, unless a handler cancels it, the form's default button —
 * its first submit button — is clicked if enabled. happy-dom has no implicit submission.
 */
export function pressEnter(field: HTMLInputElement): void {
  const proceed = fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
  const defaultButton = field.form?.querySelector<HTMLButtonElement>('button[type="submit"], input[type="submit"]');
  if (proceed && defaultButton && !defaultButton.disabled) fireEvent.click(defaultButton);
}
