// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { ConnectForm } from '@/components/ConnectForm';
import { pressEnter } from './keyboard';

afterEach(cleanup);

function field() {
  return screen.getByRole('textbox', { name: 'Instance' }) as HTMLInputElement;
}

describe('ConnectForm', () => {
  it('has a labelled instance field with a placeholder and a hint about handles', () => {
    render(<ConnectForm running={false} onSubmit={() => {}} />);
    expect(field().placeholder).toBe('mastodon.social');
    expect(field()).toHaveProperty('value', '');
    const hint = screen.getByText(/handle, like @you@example\.social, works too/);
    expect(field().getAttribute('aria-describedby')).toBe(hint.id);
  });

  it('focuses the instance field when it opens', () => {
    render(<ConnectForm running={false} onSubmit={() => {}} />);
    expect(document.activeElement).toBe(field());
  });

  it('submits the typed address, trimmed, when Enter is pressed', () => {
    const onSubmit = vi.fn();
    render(<ConnectForm running={false} onSubmit={onSubmit} />);
    fireEvent.input(field(), { target: { value: '  @alice@example.social ' } });
    pressEnter(field());
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('@alice@example.social');
  });

  it('submits when Connect is clicked', () => {
    const onSubmit = vi.fn();
    render(<ConnectForm running={false} onSubmit={onSubmit} />);
    fireEvent.input(field(), { target: { value: 'example.social' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('example.social');
  });

  it('starts with the initial value and submits it unchanged', () => {
    const onSubmit = vi.fn();
    render(<ConnectForm initialValue="exmaple.social" running={false} onSubmit={onSubmit} />);
    expect(field().value).toBe('exmaple.social');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith('exmaple.social');
  });

  it('is disabled while a connect runs, keeping what was typed', () => {
    const onSubmit = vi.fn();
    render(<ConnectForm initialValue="example.social" running onSubmit={onSubmit} />);
    expect(field().disabled).toBe(true);
    expect(field().value).toBe('example.social');
    expect((screen.getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(true);
    pressEnter(field());
    fireEvent.submit(field().form!);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('takes focus back when the run ends, so the address can be fixed', () => {
    const { rerender } = render(<ConnectForm initialValue="example.social" running onSubmit={() => {}} />);
    expect(document.activeElement).not.toBe(field());
    rerender(<ConnectForm initialValue="example.social" running={false} onSubmit={() => {}} />);
    expect(document.activeElement).toBe(field());
    expect(field().disabled).toBe(false);
  });
});
