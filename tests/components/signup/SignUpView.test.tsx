// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { SignUpView } from '@/components/signup/SignUpView';
import { fieldErrorText } from '@/components/signup/messages';
import type { SignUpDraft, SignUpFieldName, SignUpOutcome } from '@/lib/messages';
import { VALIDATION_CODES } from '@/lib/mastodon/signup';
import { fakeSignUp, openInfo, ORIGIN, waitingAccount } from './fake';

afterEach(cleanup);

function show(fake = fakeSignUp(), initialInput = 'social.example') {
  const props = { onWaiting: vi.fn(), onConnected: vi.fn(), onConnect: vi.fn(), onCancel: vi.fn() };
  render(<SignUpView backend={fake.backend} initialInput={initialInput} {...props} />);
  return { fake, ...props };
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(field(name), { target: { value } });

async function continueTo(fake = fakeSignUp()) {
  const shown = show(fake);
  fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { name: 'Join social.example' });
  return shown;
}

async function fillAndSubmit() {
  type('Username', 'carol');
  type('Email', 'carol@example.com');
  type('Password', 'correct horse battery');
  fireEvent.click(screen.getByRole('checkbox', { name: /I agree to the rules of social.example/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignUpView', () => {
  it('starts from the address typed for connecting and says what follows on an open server', async () => {
    const { fake } = show();
    expect(((await screen.findByRole('textbox', { name: 'Instance' })) as HTMLInputElement).value).toBe('social.example');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(fake.backend.checkSignUp).toHaveBeenCalledWith({ input: 'social.example' });
    await screen.findByRole('heading', { name: 'Join social.example' });
    expect(screen.getByText(/Anyone can join social.example/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Rules of social.example' }).textContent).toContain('No spam. Advertising belongs elsewhere.');
    expect(screen.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(`${ORIGIN}/privacy-policy`);
    expect(screen.getByRole('link', { name: 'Terms of service' }).getAttribute('href')).toBe(`${ORIGIN}/terms-of-service`);
    expect(field('Username')).toBeTruthy();
    expect(field('Email').type).toBe('email');
    expect(field('Password').type).toBe('password');
    // Only where the server asks for them.
    expect(screen.queryByLabelText('Date of birth')).toBeNull();
    expect(screen.queryByLabelText(/Why do you want to join/)).toBeNull();
    expect(screen.getByRole('checkbox', { name: /I agree/ })).toHaveProperty('checked', false);
  });

  it('approval with an age limit: reason and date of birth are asked for, and sent', async () => {
    const fake = fakeSignUp({ info: openInfo({ mode: 'approval', reasonRequired: true, minAge: 16 }) });
    await continueTo(fake);
    expect(screen.getByText(/review each new account before it can post: tell them below why/)).toBeTruthy();
    type('Why do you want to join?', 'I write about moss.');
    type('Date of birth', '2000-01-31');
    await fillAndSubmit();
    await waitFor(() => expect(fake.backend.signUp).toHaveBeenCalledOnce());
    expect(fake.backend.signUp).toHaveBeenCalledWith({
      origin: ORIGIN,
      username: 'carol',
      email: 'carol@example.com',
      password: 'correct horse battery',
      agreement: true,
      reason: 'I write about moss.',
      dateOfBirth: '2000-01-31',
    });
  });

  it('a closed server shows its message and offers to connect instead', async () => {
    const fake = fakeSignUp({ info: openInfo({ mode: 'closed', message: 'We are full.\n\nTry later.', rules: [] }) });
    const { onConnect } = show(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(await screen.findByText("social.example isn't taking new accounts right now.")).toBeTruthy();
    expect(screen.getByText(/We are full/).textContent).toBe('We are full.\n\nTry later.');
    expect(screen.queryByLabelText('Username')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account on social.example' }));
    expect(onConnect).toHaveBeenCalledWith('social.example');
  });

  it('sign-up elsewhere links to the page', async () => {
    await continueTo(fakeSignUp({ info: openInfo({ mode: 'elsewhere', url: 'https://accounts.example/join' }) }));
    expect(screen.getByRole('link', { name: 'Open the sign-up page of social.example' }).getAttribute('href')).toBe('https://accounts.example/join');
    expect(screen.queryByLabelText('Username')).toBeNull();
  });

  it('shows and hides the password', async () => {
    await continueTo();
    type('Password', 'secret words');
    const toggle = screen.getByRole('button', { name: 'Show password' });
    fireEvent.click(toggle);
    expect(field('Password').type).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide password' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Hide password' }));
    expect(field('Password').type).toBe('password');
    expect(field('Password').value).toBe('secret words');
  });

  it('saves what is typed as it is typed, never the password', async () => {
    const { fake } = await continueTo();
    await fillAndSubmit();
    const saved = fake.backend.saveSignUpDraft.mock.calls.map(([call]) => call.draft);
    expect(saved.at(-1)).toEqual({ input: 'social.example', username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: true });
    expect(JSON.stringify(saved)).not.toContain('correct horse battery');
  });

  it('reopened with a saved form: back at the form with everything but the password', async () => {
    const draft: SignUpDraft = { input: 'social.example', username: 'carol', email: 'carol@example.com', dateOfBirth: '', reason: '', agreed: true };
    const fake = fakeSignUp({ draft });
    show(fake, '');
    await screen.findByRole('heading', { name: 'Join social.example' });
    expect(fake.backend.checkSignUp).toHaveBeenCalledWith({ input: 'social.example' });
    expect(field('Username').value).toBe('carol');
    expect(field('Email').value).toBe('carol@example.com');
    expect(field('Password').value).toBe('');
    expect(screen.getByRole('checkbox', { name: /I agree/ })).toHaveProperty('checked', true);
  });

  it('reopened after a server refused app sign-ups (its page opened and closed the popup): the refusal, not the form', async () => {
    const signUpUrl = `${ORIGIN}/signup`;
    const draft: SignUpDraft = { input: 'social.example', username: 'carol', email: '', dateOfBirth: '', reason: '', agreed: true, refusedSignUpUrl: signUpUrl };
    show(fakeSignUp({ draft }), '');
    expect((await screen.findByRole('alert')).textContent).toContain("social.example doesn't let apps create accounts");
    expect(screen.getByRole('link', { name: 'Open the sign-up page of social.example' }).getAttribute('href')).toBe(signUpUrl);
    expect(screen.queryByLabelText('Username')).toBeNull();
  });

  it('422: each refused field says why, on the field; what was typed stays', async () => {
    const invalid: SignUpOutcome = {
      ok: false,
      error: { code: 'invalid', fields: { username: ['ERR_TAKEN'], email: ['ERR_BLOCKED'], agreement: ['ERR_ACCEPTED'] }, summary: 'Validation failed' },
    };
    const fake = fakeSignUp({ outcomes: [invalid] });
    const { onWaiting } = await continueTo(fake);
    await fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toContain("The server didn't accept some of what you typed");
    expect(field('Username').getAttribute('aria-invalid')).toBe('true');
    expect(field('Username').getAttribute('aria-describedby')).toContain('error');
    expect(screen.getByText('This username is taken. Try another one.')).toBeTruthy();
    expect(screen.getByText("The server doesn't accept addresses from this email provider.")).toBeTruthy();
    expect(screen.getByText(/Tick the box to agree/)).toBeTruthy();
    expect(field('Password').getAttribute('aria-invalid')).toBeNull();
    expect(field('Username').value).toBe('carol');
    expect(field('Email').value).toBe('carol@example.com');

    type('Username', 'carol2');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(onWaiting).toHaveBeenCalledWith(waitingAccount()));
    expect(fake.backend.signUp.mock.calls[1]![0]).toMatchObject({ username: 'carol2', password: 'correct horse battery' });
  });

  it('429: says when, and the button waits', async () => {
    const retryAt = new Date(Date.now() + 60_000).toISOString();
    await continueTo(fakeSignUp({ outcomes: [{ ok: false, error: { code: 'rate-limited', retryAt } }] }));
    await fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/too many sign-ups from here. Try again after/);
    expect(screen.getByRole('button', { name: 'Create account' })).toHaveProperty('disabled', true);
  });

  it('a server refusing app sign-ups: says so, links its page, offers to connect', async () => {
    const signUpUrl = `${ORIGIN}/signup`;
    const { onConnect } = await continueTo(fakeSignUp({ outcomes: [{ ok: false, error: { code: 'app-sign-up-refused', signUpUrl } }] }));
    await fillAndSubmit();
    expect((await screen.findByRole('alert')).textContent).toContain("social.example doesn't let apps create accounts");
    expect(screen.getByRole('link', { name: 'Open the sign-up page of social.example' }).getAttribute('href')).toBe(signUpUrl);
    // The server will refuse the app again: the form is gone.
    expect(screen.queryByLabelText('Username')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account on social.example' }));
    expect(onConnect).toHaveBeenCalledWith('social.example');
  });

  it('connected at once (no confirmation needed)', async () => {
    const { onConnected } = await continueTo(fakeSignUp({ outcomes: [{ ok: true, accountId: 'carol@social.example' }] }));
    await fillAndSubmit();
    await waitFor(() => expect(onConnected).toHaveBeenCalledWith('carol@social.example'));
  });

  it('a server that cannot be reached is named', async () => {
    const fake = fakeSignUp();
    fake.backend.checkSignUp.mockResolvedValueOnce({ ok: false, error: { code: 'unreachable' } } as never);
    show(fake, 'exmaple.social');
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain("Can't reach exmaple.social");
  });

  it('Cancel forgets the saved form', async () => {
    const { fake, onCancel } = await continueTo();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
    expect(fake.backend.saveSignUpDraft).toHaveBeenLastCalledWith({ draft: null });
  });
});

describe('field messages', () => {
  const fields: SignUpFieldName[] = ['username', 'email', 'password', 'agreement', 'reason', 'date_of_birth'];
  it.each([...VALIDATION_CODES, 'ERR_OTHER' as const])('%s reads as a sentence on every field', (code) => {
    for (const name of fields) {
      const text = fieldErrorText(name, code, 16);
      expect(text, `${name} ${code}`).toMatch(/^[A-Z].+\.$/);
    }
  });

  it('the age limit is named', () => {
    expect(fieldErrorText('date_of_birth', 'ERR_BELOW_LIMIT', 16)).toBe('You must be at least 16 years old to join this server.');
  });
});
