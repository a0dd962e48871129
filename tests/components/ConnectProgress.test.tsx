// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { ConnectProgress } from '@/components/ConnectProgress';
import type { ConnectPhase } from '@/lib/messages';

afterEach(cleanup);

describe('ConnectProgress', () => {
  it.each<[ConnectPhase, string]>([
    ['checking', 'Checking the server…'],
    ['registering', 'Registering Fedipost with the server…'],
    ['authorizing', 'Waiting for you to sign in…'],
    ['verifying', 'Verifying your account…'],
  ])('announces the %s phase', (phase, text) => {
    render(<ConnectProgress phase={phase} />);
    expect(screen.getByRole('status').textContent).toContain(text);
  });

  it('while waiting for sign-in, says a window opened and the result survives closing the popup', () => {
    render(<ConnectProgress phase="authorizing" />);
    expect(screen.getByRole('status').textContent).toContain(
      'A sign-in window opened. This popup may close meanwhile: the result will be here when you open it again.',
    );
  });

  it('says nothing about the sign-in window in the other phases', () => {
    render(<ConnectProgress phase="checking" />);
    expect(screen.getByRole('status').textContent).not.toContain('sign-in window');
  });

  it('stays in the page, empty, between runs so the next phase is announced', () => {
    const { rerender } = render(<ConnectProgress phase={null} />);
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    rerender(<ConnectProgress phase="registering" />);
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toBe('Registering Fedipost with the server…');
  });
});
