import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { ToolMenuList } from './folded';
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
 * says: Enter, Space or Down open it on the current choice, Up on the last. The list
 * itself (ToolMenuList) is folded: its code loads on the first open, meanwhile a busy
 * line stands in its place and the focus stays on the button.
 */
export function ToolMenu({ label, current, icon, text, items, disabled, active, alignEnd }: ToolMenuProps) {
  const id = useId();
  const [open, setOpen] = useState<'current' | 'last' | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };
  useDismissOutside(open !== null, root, () => close(false));

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
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        onClick={() => (open ? close(false) : setOpen('current'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowUp' ? 'last' : 'current');
          }
        }}
      >
        {icon}
        {text && <span class="tool-text">{text}</span>}
      </button>
      {open && <ToolMenuList id={id} label={label} items={items} alignEnd={alignEnd} focusOn={open} onClose={close} />}
    </div>
  );
}
