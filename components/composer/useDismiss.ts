import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * Closes an open popover when the person presses or clicks outside `root` (its button
 * included in `root`, so the button's own click toggles it instead).
 */
export function useDismissOutside(open: boolean, root: RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);
}
