/**
 * The composer's toolbar icons: a small in-repo set of 24 × 24 outline drawings (made for
 * Fedipost), each one path, inline so that the popup needs no icon font or request.
 * Decorative: the button around each one carries the name.
 */
const icon = (d: string) =>
  function Icon() {
    return (
      <svg
        class="icon"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        <path d={d} />
      </svg>
    );
  };

/** A circle as path commands (two arcs), so that every icon is one path. */
const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

export const MediaIcon = icon(`M5 4h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z${circle(9, 10, 2)}m14 6-5-5-9 9`);
export const PollIcon = icon('M5 20V10M12 20V4M19 20v-7');
export const WarningIcon = icon('M12 3 2 20h20zM12 10v4M12 17h.01');
export const GlobeIcon = icon(`${circle(12, 12, 9)}M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18`);
export const MoonIcon = icon('M20 14A8 8 0 1 1 10 4a6 6 0 0 0 10 10z');
export const LockIcon = icon('M7 11h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2zM8 11V8a4 4 0 0 1 8 0v3');
export const AtIcon = icon(`${circle(12, 12, 4)}M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8`);
export const LanguageIcon = icon('M4 5h9M8.5 3v2M6 5c1 4 4 7 7 8M11 5c-1 4-4 7-7 8M13 21l4-9 4 9M14.5 18h5');
export const ClockIcon = icon(`${circle(12, 12, 9)}M12 7v5l3 2`);
export const EyeOffIcon = icon(
  'M3 3l18 18M10.6 6.1A9 9 0 0 1 12 6c6 0 9 6 9 6a15 15 0 0 1-2.4 3.2M6.6 6.6C4.2 8.2 3 12 3 12s3 6 9 6a8.8 8.8 0 0 0 4.4-1.2M9.9 9.9a3 3 0 0 0 4.2 4.2',
);
export const CloseIcon = icon('M6 6l12 12M18 6 6 18');
