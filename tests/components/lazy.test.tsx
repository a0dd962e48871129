// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { lazy } from '@/components/lazy';

afterEach(cleanup);

/** A loader whose chunk arrives (or fails) when the test says so. */
function chunk() {
  let resolve!: (component: (props: { name: string }) => preact.JSX.Element) => void;
  let reject!: (error: Error) => void;
  const load = vi.fn(
    () =>
      new Promise<(props: { name: string }) => preact.JSX.Element>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
  );
  return { load, arrive: () => resolve(({ name }) => <p>Hello {name}</p>), fail: () => reject(new Error('Failed to fetch dynamically imported module')) };
}

describe('a folded part (lazy)', () => {
  it('says it is loading, then shows the part with its props; drawn again, it is there at once', async () => {
    const { load, arrive } = chunk();
    const Part = lazy(load);
    const { unmount } = render(<Part name="Alice" />);
    const busy = screen.getByRole('status');
    expect(busy.textContent).toBe('Loading…');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    arrive();
    expect((await screen.findByText('Hello Alice')).tagName).toBe('P');
    expect(screen.queryByRole('status')).toBeNull();
    unmount();

    render(<Part name="Bob" />);
    expect(screen.getByText('Hello Bob')).toBeTruthy();
    expect(load).toHaveBeenCalledOnce();
  });

  it('draws what the place asks for while loading (nothing, a menu-shaped line)', () => {
    const Part = lazy(chunk().load, () => null);
    const { container } = render(<Part name="Alice" />);
    expect(container.innerHTML).toBe('');
  });

  it('says clearly when its code cannot be loaded, and tries again the next time it is drawn', async () => {
    const first = chunk();
    const again = chunk();
    const load = vi.fn<typeof first.load>().mockImplementationOnce(first.load).mockImplementationOnce(again.load);
    const Part = lazy(load);
    const { unmount } = render(<Part name="Alice" />);
    first.fail();
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This part of Fedipost couldn't be loaded (perhaps it was just updated). Close this and open it again; your draft is kept.",
    );
    unmount();

    render(<Part name="Alice" />);
    again.arrive();
    expect(await screen.findByText('Hello Alice')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
