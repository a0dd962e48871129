import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ToolMenuItem } from './ToolMenu';
import './menu.css';

export interface ToolMenuListProps {
  /** The button's id base: the list is `${id}-menu`, which the button controls. */
  id: string;
  label: string;
  items: ToolMenuItem[];
  alignEnd?: boolean;
  /** Which item takes the focus as the list appears: the current choice, or the last (ArrowUp). */
  focusOn: 'current' | 'last';
  /** Closes the menu; `refocus` puts the focus back on its button. */
  onClose(refocus: boolean): void;
}

/**
 * A tool menu's list, loaded on the first open (components/composer/folded.tsx): it takes
 * the focus as it appears, as the ARIA menu button pattern says, so a menu opened from
 * the keyboard while its code was loading still gets the focus. Arrows/Home/End move,
 * Enter or Space picks, Escape and Tab close it. Escape stops here: it never reaches a
 * handler that could close the draft's window.
 */
export function ToolMenuList({ id, label, items, alignEnd, focusOn, onClose }: ToolMenuListProps) {
  const menu = useRef<HTMLUListElement>(null);

  useLayoutEffect(() => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const checked = entries.find((entry) => entry.getAttribute('aria-checked') === 'true');
    (focusOn === 'last' ? entries.at(-1) : (checked ?? entries[0]))?.focus();
  }, []);

  function onMenuKeyDown(event: KeyboardEvent) {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Escape':
        onClose(true);
        break;
      case 'Tab':
        onClose(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <ul ref={menu} id={`${id}-menu`} role="menu" aria-label={label} class={alignEnd ? 'menu menu-end' : 'menu'} onKeyDown={onMenuKeyDown}>
      {items.map((item) => (
        <li
          key={item.key}
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          tabIndex={-1}
          aria-labelledby={`${id}-${item.key}`}
          aria-describedby={item.description ? `${id}-${item.key}-d` : undefined}
          class="menu-item"
          onClick={() => {
            item.onSelect();
            onClose(true);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            event.stopPropagation();
            item.onSelect();
            onClose(true);
          }}
        >
          {item.icon}
          <span class="menu-text">
            <span id={`${id}-${item.key}`} class="menu-label">
              {item.label}
            </span>
            {item.description && (
              <span id={`${id}-${item.key}-d`} class="menu-description">
                {item.description}
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
