// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { InstanceField } from '@/components/InstanceField';

afterEach(cleanup);

const field = () => screen.getByRole('textbox', { name: 'Instance' }) as HTMLInputElement;

describe('InstanceField', () => {
  it('is labelled, described by its hint, and typed like an address', () => {
    render(<InstanceField id="f" value="" disabled={false} hint="Where your account lives." onInput={() => {}} />);
    expect(field().getAttribute('aria-describedby')).toBe(screen.getByText('Where your account lives.').id);
    expect(field().placeholder).toBe('mastodon.social');
    // A phone shows a URL keyboard, and no capital letter gets in the way of a host name.
    expect(field().inputMode).toBe('url');
    expect(field().getAttribute('autocapitalize')).toBe('off');
  });

  it('hands on what is typed and can be disabled while something runs', () => {
    const onInput = vi.fn();
    const { rerender } = render(<InstanceField id="f" value="" disabled={false} hint="h" onInput={onInput} />);
    fireEvent.input(field(), { target: { value: 'example.social' } });
    expect(onInput).toHaveBeenCalledExactlyOnceWith('example.social');
    rerender(<InstanceField id="f" value="example.social" disabled hint="h" onInput={onInput} />);
    expect(field().disabled).toBe(true);
    expect(field().value).toBe('example.social');
  });
});
