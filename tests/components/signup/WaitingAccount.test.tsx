// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { WaitingAccount } from '@/components/signup/WaitingAccount';
import type { WaitingAccountView } from '@/lib/messages';
import { fakeSignUp, waitingAccount } from './fake';

afterEach(cleanup);

function show(account: WaitingAccountView = waitingAccount(), fake = fakeSignUp()) {
  const onCheck = vi.fn();
  const onChanged = vi.fn();
  render(<WaitingAccount backend={fake.backend} account={account} checking={false} onCheck={onCheck} onChanged={onChanged} />);
  return { fake, onCheck, onChanged };
}

describe('WaitingAccount', () => {
  it('"check your email" names the address and the account', () => {
    show();
    expect(screen.getByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(/We sent a confirmation link to carol@example.com. Open it to activate @carol@social.example/)).toBeTruthy();
  });

  it('Resend the email sends it again to the same address', async () => {
    const { fake } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Resend the email' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sent again to carol@example.com.');
    expect(fake.backend.resendConfirmation).toHaveBeenCalledWith({ id: 'carol@social.example', email: undefined });
  });

  it('a corrected address is sent along', async () => {
    const { fake, onChanged } = show(waitingAccount({ email: 'carol@exmaple.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Wrong address?' }));
    fireEvent.input(screen.getByLabelText('Correct email address'), { target: { value: ' carol@example.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resend the email' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sent again to carol@example.com.');
    expect(fake.backend.resendConfirmation).toHaveBeenCalledWith({ id: 'carol@social.example', email: 'carol@example.com' });
    expect(onChanged).toHaveBeenCalledWith(waitingAccount({ email: 'carol@example.com' }));
  });

  it('a refused address is marked on its field', async () => {
    const fake = fakeSignUp();
    fake.backend.resendConfirmation.mockResolvedValueOnce({ ok: false, error: { code: 'invalid', fields: { email: ['ERR_INVALID'] }, summary: '' } } as never);
    show(waitingAccount(), fake);
    fireEvent.click(screen.getByRole('button', { name: 'Wrong address?' }));
    fireEvent.input(screen.getByLabelText('Correct email address'), { target: { value: 'carol' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resend the email' }));
    await waitFor(() => expect(screen.getByLabelText('Correct email address').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText("This isn't a valid email address.")).toBeTruthy();
  });

  it('waiting for approval: no resend; Check again asks the server', () => {
    const { onCheck } = show(waitingAccount({ state: 'approval' }));
    expect(screen.getByRole('heading', { name: 'Waiting for approval' })).toBeTruthy();
    expect(screen.getByText(/The staff of social.example are reviewing @carol@social.example/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Resend the email' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(onCheck).toHaveBeenCalled();
  });
});
