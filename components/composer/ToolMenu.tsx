import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useDismissOutside } from './useDismiss';

export interface ToolMenuItem {
  key: string;
  label: string;
  /** One line under the label, as Mastodon's privacy menu shows it. */
  description?: string;
  icon?: ComponentChildren;
  /** For a choice among several (visibility): the current one is checked. */
  checked?: boolean;
  onSelect(): void;
}

export interface ToolMenuProps {
  /** The button's accessible name, also its tooltip's first words. */
  label: string;
  /** What the tooltip adds after the name: the current choice. */
  current?: string;
  icon: ComponentChildren;
  /** Short text beside the icon (the language code), when the icon alone says too little. */
  text?: string;
  items: ToolMenuItem[];
  disabled?: boolean;
  /** Marks the button as "on" (a schedule is set). */
  active?: boolean;
  /** Opens leftwards from the button's right edge: for buttons near the end of the row. */
  alignEnd?: boolean;
}

/**
 * A toolbar button that opens a menu, keyboard driven as the ARIA menu button pattern
 * says: Enter, Space or Down open it on the current choice, arrows/Home/End move,
 * Enter or Space picks, Escape and Tab close it. Escape stops here: it never reaches a
 * handler that could close the draft's window.
 */
export function ToolMenu({ label, current, icon, text, items, disabled, active, alignEnd }: ToolMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  /** Which item gets the focus as the menu opens. */
  const focusOnOpen = useRef<'current' | 'last'>('current');
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  useDismissOutside(open, root, () => close(false));

  useLayoutEffect(() => {
    if (!open) return;
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const checked = entries.find((entry) => entry.getAttribute('aria-checked') === 'true');
    (focusOnOpen.current === 'last' ? entries.at(-1) : (checked ?? entries[0]))?.focus();
  }, [open]);

  function openWith(focus: 'current' | 'last') {
    focusOnOpen.current = focus;
    setOpen(true);
  }

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
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  const tooltip = current ? `${label}: ${current}` : label;
  return (
    <div class="tool-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class={active ? 'tool active' : 'tool'}
        aria-label={label}
        title={tooltip}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        onClick={() => (open ? close(false) : openWith('current'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            openWith(event.key === 'ArrowUp' ? 'last' : 'current');
          }
        }}
      >
        {icon}
        {text && <span class="tool-text">{text}</span>}
      </button>
      {open && (
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
                close(true);
              }}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                event.stopPropagation();
                item.onSelect();
                close(true);
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
      )}
    </div>
  );
}
