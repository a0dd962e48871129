// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { RegistrationsSection, type RegistrationsSectionProps } from '@/components/options/RegistrationsSection';
import { closedReg, REDIRECT, socialReg } from './fixtures';

afterEach(cleanup);

function setup(overrides: Partial<RegistrationsSectionProps> = {}) {
  const props = {
    registrations: [socialReg, closedReg],
    onDrop: vi.fn(async (_key: string) => {}),
    onDropAll: vi.fn(async () => {}),
    ...overrides,
  } satisfies RegistrationsSectionProps;
  render(<RegistrationsSection {...props} />);
  return props;
}

const table = () => screen.getByRole('table', { name: 'App registrations' });
const rowOf = (host: string) => within(table()).getByRole('rowheader', { name: new RegExp(`^${host}`) }).closest('tr')!;
const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

describe('RegistrationsSection', () => {
  it('lists registrations in a table with its columns', () => {
    setup();
    expect(screen.getByRole('region', { name: 'App registrations' })).toBeTruthy();
    expect(within(table()).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Instance',
      'Client ID',
      'Redirect URI',
      'Scopes',
      'Created',
      'Used by',
      'Actions',
    ]);
    const social = rowOf('example.social');
    expect(cells(social)).toEqual(['Zx9QpL3m…', REDIRECT, 'read:accounts write:statuses write:media', 'Nov 3, 2026', '@alice@example.social', 'Drop']);
    // The whole client id is a hover away.
    expect(within(social).getByText('Zx9QpL3m…').getAttribute('title')).toBe(socialReg.clientId);
    expect(within(social).queryByText('Manual')).toBeNull();
  });

  it('marks manual registrations and those no account uses', () => {
    setup();
    const closed = rowOf('closed.example');
    expect(within(closed).getByRole('rowheader').textContent).toBe('closed.exampleManual');
    expect(within(closed).getByText('Manual').getAttribute('title')).toBe("Created by you in the instance's settings");
    // Short ids are shown whole.
    expect(cells(closed).slice(0, 1)).toEqual(['abc123']);
    expect(within(closed).getByText('No accounts')).toBeTruthy();
  });

  it('explains the empty state', () => {
    setup({ registrations: [] });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No app registrations yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Drop all' })).toBeNull();
  });

  it('drops a registration no account uses after a plain confirmation', async () => {
    const props = setup({ registrations: [{ ...closedReg, manual: false }] });
    const drop = screen.getByRole('button', { name: 'Drop', description: 'closed.example' });
    fireEvent.click(drop);
    const question = screen.getByRole('group', { name: /Drop the app registration for closed\.example\?/ });
    expect(question.textContent).toContain('The next connect to closed.example registers Fedipost anew.');
    expect(question.textContent).not.toContain('tokens');
    expect(props.onDrop).not.toHaveBeenCalled();
    fireEvent.click(within(question).getByRole('button', { name: 'Drop registration' }));
    expect(props.onDrop).toHaveBeenCalledWith(closedReg.key);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Dropped the app registration for closed.example.'));
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('says that accounts using a registration stay connected', async () => {
    const props = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Drop', description: /^example\.social/ }));
    const question = screen.getByRole('group', { name: /Drop the app registration for example\.social\?/ });
    expect(question.textContent).toContain('Accounts using it (@alice@example.social) stay connected: their tokens keep working');
    expect(question.textContent).toContain('The next connect to example.social registers Fedipost anew.');
    fireEvent.click(within(question).getByRole('button', { name: 'Drop registration' }));
    expect(props.onDrop).toHaveBeenCalledWith(socialReg.key);
  });

  it('warns that a manual registration may need its credentials again', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Drop', description: /^closed\.example/ }));
    expect(screen.getByRole('group').textContent).toContain("you'll enter its client key and secret again");
  });

  it('cancels a drop, returning to its button', () => {
    const props = setup();
    const drop = screen.getByRole('button', { name: 'Drop', description: /^closed\.example/ });
    fireEvent.click(drop);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(drop);
    expect(props.onDrop).not.toHaveBeenCalled();
  });

  it('drops all after confirmation', async () => {
    const props = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Drop all' }));
    const question = screen.getByRole('group', { name: /Drop the app registrations for example\.social, closed\.example\?/ });
    expect(question.textContent).toContain('Connected accounts stay connected: their tokens keep working');
    fireEvent.click(within(question).getByRole('button', { name: 'Drop all registrations' }));
    expect(props.onDropAll).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Dropped all app registrations.'));
  });

  it('cancels dropping all with Escape', () => {
    const props = setup();
    const dropAll = screen.getByRole('button', { name: 'Drop all' });
    fireEvent.click(dropAll);
    expect(dropAll.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(dropAll);
    expect(props.onDropAll).not.toHaveBeenCalled();
  });

  it('keeps the question when dropping failed', async () => {
    const props = setup({ onDropAll: vi.fn(async () => Promise.reject(new Error('no receiver'))) });
    fireEvent.click(screen.getByRole('button', { name: 'Drop all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Drop all registrations' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe("Couldn't drop the app registrations. Try again."));
    fireEvent.click(screen.getByRole('button', { name: 'Drop all registrations' }));
    expect(props.onDropAll).toHaveBeenCalledTimes(2);
  });
});
