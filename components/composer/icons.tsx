import type { ComponentChildren } from 'preact';

/**
 * The composer's toolbar icons: a small in-repo set of 24 × 24 outline paths (drawn for
 * Fedipost), inline so that the popup needs no icon font or extra request. Decorative:
 * the button around each one carries the name.
 */
function Icon({ children }: { children: ComponentChildren }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const stroke = { fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

export const MediaIcon = () => (
  <Icon>
    <g {...stroke}>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <circle cx="9" cy="10" r="2" />
      <path d="m21 16-5-5-9 9" />
    </g>
  </Icon>
);

export const PollIcon = () => (
  <Icon>
    <path {...stroke} d="M5 20V10M12 20V4M19 20v-7" />
  </Icon>
);

export const WarningIcon = () => (
  <Icon>
    <g {...stroke}>
      <path d="M12 3 2 20h20z" />
      <path d="M12 10v4M12 17h.01" />
    </g>
  </Icon>
);

export const GlobeIcon = () => (
  <Icon>
    <g {...stroke}>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
    </g>
  </Icon>
);

export const MoonIcon = () => (
  <Icon>
    <path {...stroke} d="M20 14A8 8 0 1 1 10 4a6 6 0 0 0 10 10z" />
  </Icon>
);

export const LockIcon = () => (
  <Icon>
    <g {...stroke}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </g>
  </Icon>
);

export const AtIcon = () => (
  <Icon>
    <g {...stroke}>
      <circle cx="12" cy="12" r="4" />
      <path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" />
    </g>
  </Icon>
);

export const LanguageIcon = () => (
  <Icon>
    <g {...stroke}>
      <path d="M4 5h9M8.5 3v2M6 5c1 4 4 7 7 8M11 5c-1 4-4 7-7 8" />
      <path d="m13 21 4-9 4 9M14.5 18h5" />
    </g>
  </Icon>
);

export const ClockIcon = () => (
  <Icon>
    <g {...stroke}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </g>
  </Icon>
);

export const EyeOffIcon = () => (
  <Icon>
    <g {...stroke}>
      <path d="M3 3l18 18M10.6 6.1A9 9 0 0 1 12 6c6 0 9 6 9 6a15 15 0 0 1-2.4 3.2M6.6 6.6C4.2 8.2 3 12 3 12s3 6 9 6a8.8 8.8 0 0 0 4.4-1.2" />
      <path d="M9.9 9.9a3 3 0 0 0 4.2 4.2" />
    </g>
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path {...stroke} d="M6 6l12 12M18 6 6 18" />
  </Icon>
);
