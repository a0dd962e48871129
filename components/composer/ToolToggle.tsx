import type { ComponentChildren } from 'preact';

export interface ToolToggleProps {
  /** Accessible name and tooltip. */
  label: string;
  icon: ComponentChildren;
  checked: boolean;
  onChange(checked: boolean): void;
}

/**
 * An on/off toolbar button (content warning, sensitive media): a real checkbox, so
 * Space toggles it and screen readers say "checked", drawn as an icon button.
 */
export function ToolToggle({ label, icon, checked, onChange }: ToolToggleProps) {
  return (
    <label class={checked ? 'tool active' : 'tool'} title={label}>
      <input type="checkbox" class="tool-check" aria-label={label} checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      {icon}
    </label>
  );
}
