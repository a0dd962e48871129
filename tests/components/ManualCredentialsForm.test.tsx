// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ManualCredentialsForm } from '@/components/ManualCredentialsForm';
import { pressEnter } from './keyboard';

afterEach(cleanup);

const redirectUri = 'https://fedipost-test.chromiumapp.org/';
const scopes = 'read:accounts write:statuses write:media';

function renderForm(running = false) {
  const onSubmit = vi.fn();
  const view = render(
    <ManualCredentialsForm origin="https://example.social" redirectUri={redirectUri} scopes={scopes} running={running} onSubmit={onSubmit} />,
  );
  return { onSubmit, ...view };
}

const key = () => screen.getByRole('textbox', { name: 'Client key' }) as HTMLInputElement;
const secret = () => screen.getByLabelText('Client secret') as HTMLInputElement;
const save = () => screen.getByRole('button', { name: 'Save and connect' }) as HTMLButtonElement;

function fill(clientId: string, clientSecret: string) {
  fireEvent.input(key(), { target: { value: clientId } });
  fireEvent.input(secret(), { target: { value: clientSecret } });
}

describe('ManualCredentialsForm', () => {
  it("links to the instance's new-application page in a new tab", () => {
    renderForm();
    const link = screen.getByRole('link', { name: /New application on example\.social/ }) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://example.social/settings/applications/new');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
  });

  it('shows the redirect URI and scopes to enter, read-only and selected on focus for copying', () => {
    renderForm();
    const uri = screen.getByRole('textbox', { name: 'Redirect URI' }) as HTMLInputElement;
    const scopeField = screen.getByRole('textbox', { name: 'Scopes' }) as HTMLInputElement;
    expect(uri.value).toBe(redirectUri);
    expect(uri.readOnly).toBe(true);
    expect(scopeField.value).toBe(scopes);
    expect(scopeField.readOnly).toBe(true);
    fireEvent.focus(uri);
    expect([uri.selectionStart, uri.selectionEnd]).toEqual([0, redirectUri.length]);
  });

  it('hides the client secret as a password', () => {
    renderForm();
    expect(secret().type).toBe('password');
    expect(key().type).toBe('text');
  });

  it('submits both values trimmed', () => {
    const { onSubmit } = renderForm();
    fill('  abc123 ', '\tsecret456\n');
    fireEvent.click(save());
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ clientId: 'abc123', clientSecret: 'secret456' });
  });

  it('submits with Enter in the secret field', () => {
    const { onSubmit } = renderForm();
    fill('abc123', 'secret456');
    pressEnter(secret());
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ clientId: 'abc123', clientSecret: 'secret456' });
  });

  it('asks for a missing key and secret, each by name, and focuses the first', () => {
    const { onSubmit } = renderForm();
    fill('   ', '');
    fireEvent.click(save());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(key().getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(key().getAttribute('aria-describedby')!)?.textContent).toBe(
      "Enter the client key from the application's page.",
    );
    expect(document.getElementById(secret().getAttribute('aria-describedby')!)?.textContent).toBe(
      "Enter the client secret from the application's page.",
    );
    expect(document.activeElement).toBe(key());
  });

  it('rejects a value with whitespace inside, and focuses it', () => {
    const { onSubmit } = renderForm();
    fill('abc123', 'secret 456');
    fireEvent.click(save());
    expect(onSubmit).not.toHaveBeenCalled();
    expect(key().hasAttribute('aria-invalid')).toBe(false);
    expect(secret().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("A client secret has no spaces. Copy it again from the application's page.")).toBeTruthy();
    expect(document.activeElement).toBe(secret());

    fill('abc 123', 'secret456');
    fireEvent.click(save());
    expect(screen.getByText("A client key has no spaces. Copy it again from the application's page.")).toBeTruthy();
  });

  it('clears the messages once the values are fixed', () => {
    const { onSubmit } = renderForm();
    fill('', 'secret456');
    fireEvent.click(save());
    fill('abc123', 'secret456');
    fireEvent.click(save());
    expect(onSubmit).toHaveBeenCalledOnce();
    expect(key().hasAttribute('aria-invalid')).toBe(false);
    expect(screen.queryByText(/Enter the client key/)).toBeNull();
  });

  it('is disabled while a connect runs', () => {
    const { onSubmit } = renderForm(true);
    expect(key().disabled).toBe(true);
    expect(secret().disabled).toBe(true);
    expect(save().disabled).toBe(true);
    fireEvent.submit(save().form!);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
