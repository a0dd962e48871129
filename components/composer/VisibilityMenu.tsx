import type { VisibilityChoice } from '../visibility-choices';
import { t } from '@/utils/i18n';
import { AtIcon, GlobeIcon, LockIcon, MoonIcon } from './icons';
import { ToolMenu } from './ToolMenu';

/** Mastodon's pictures for its levels; a server's own levels show the globe until they get one. */
const ICONS: Record<string, () => preact.JSX.Element> = { public: GlobeIcon, unlisted: MoonIcon, private: LockIcon, direct: AtIcon };
const iconOf = (value: string) => (ICONS[value] ?? GlobeIcon)();

export interface VisibilityMenuProps<V extends string> {
  /** The server's own choices, widest audience first. */
  choices: readonly VisibilityChoice<V>[];
  value: V;
  disabled?: boolean;
  onChange(value: V): void;
}

/** The toolbar's visibility button: its icon shows the current choice, its menu the server's choices with a line each. */
export function VisibilityMenu<V extends string>({ choices, value, disabled, onChange }: VisibilityMenuProps<V>) {
  const current = choices.find((choice) => choice.value === value);
  return (
    <ToolMenu
      label={t('visibilityLabel')}
      current={current?.label ?? value}
      icon={iconOf(value)}
      disabled={disabled}
      items={choices.map((choice) => ({
        key: choice.value,
        label: choice.label,
        description: choice.description,
        icon: iconOf(choice.value),
        checked: choice.value === value,
        onSelect: () => onChange(choice.value),
      }))}
    />
  );
}
