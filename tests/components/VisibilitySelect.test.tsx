// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { VisibilitySelect } from '@/components/VisibilitySelect';

afterEach(cleanup);

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const labels = (name: string) => [...select(name).options].map((o) => o.textContent);

describe('VisibilitySelect', () => {
  it("names the four levels in Mastodon's words, widest audience first", () => {
    render(<VisibilitySelect label="Visibility" value="private" onChange={() => {}} />);
    expect(labels('Visibility')).toEqual(['Public', 'Quiet public', 'Followers', 'Private mention']);
    expect(select('Visibility').value).toBe('private');
  });

  it('answers the level picked', () => {
    const onChange = vi.fn();
    render(<VisibilitySelect label="Visibility" value="public" onChange={onChange} />);
    fireEvent.change(select('Visibility'), { target: { value: 'direct' } });
    expect(onChange).toHaveBeenCalledExactlyOnceWith('direct');
  });

  it('offers "no choice here" first when asked, as null, with its hint', () => {
    const onChange = vi.fn();
    render(
      <>
        <p id="hint">Uses what you chose on your instance.</p>
        <VisibilitySelect label="Default visibility" unsetLabel="Account's default" describedBy="hint" value={null} onChange={onChange} />
      </>,
    );
    expect(labels('Default visibility')).toEqual(["Account's default", 'Public', 'Quiet public', 'Followers', 'Private mention']);
    expect(select('Default visibility').value).toBe('');
    expect(screen.getByRole('combobox', { description: 'Uses what you chose on your instance.' })).toBe(select('Default visibility'));
    fireEvent.change(select('Default visibility'), { target: { value: 'unlisted' } });
    fireEvent.change(select('Default visibility'), { target: { value: '' } });
    expect(onChange.mock.calls).toEqual([['unlisted'], [null]]);
  });
});

describe('VisibilitySelect where the server has mutuals-only (GoToSocial)', () => {
  it('offers it between Followers and Private mention, and only there', () => {
    const { unmount } = render(<VisibilitySelect label="Visibility" value="public" mutualsOnly onChange={() => {}} />);
    expect(labels('Visibility')).toEqual(['Public', 'Quiet public', 'Followers', 'Mutuals only', 'Private mention']);
    unmount();
    render(<VisibilitySelect label="Visibility" value="public" onChange={() => {}} />);
    expect(labels('Visibility')).not.toContain('Mutuals only');
  });
});
