// @vitest-environment happy-dom
import { afterEach, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { LoadFailed } from '@/components/LoadFailed';

afterEach(cleanup);

it('says what could not be loaded, as an alert', () => {
  render(<LoadFailed message="Couldn't load your settings." />);
  expect(screen.getByRole('alert').textContent).toBe("Couldn't load your settings.");
});
