/**
 * npm run icons: renders the icon drawn in assets/icon/*.svg to the PNG sizes the stores
 * and browsers ask for, into public/icon/ (committed, so a build needs no renderer):
 * - 16, 32, 48, 96, 128: the extension icon (toolbar, menus, extensions page, stores);
 * - glyph-{dark,light}-{16,32}: the glyph alone, in a dark and in a light colour, for
 *   Firefox's `action.theme_icons` (Chrome has no such variants).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ROOT } from './support/paths.ts';

const OUT = join(ROOT, 'public/icon');
mkdirSync(OUT, { recursive: true });

function render(svg: string, size: number, file: string) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(join(OUT, file), png);
  console.log(`public/icon/${file}  ${size}×${size}  ${png.length} bytes`);
}

const icon = readFileSync(join(ROOT, 'assets/icon/icon.svg'), 'utf8');
for (const size of [16, 32, 48, 96, 128]) render(icon, size, `${size}.png`);

const toolbar = readFileSync(join(ROOT, 'assets/icon/toolbar.svg'), 'utf8');
/** The pages' text colours: the dark glyph goes on light toolbars, the light one on dark toolbars. */
const glyphs = { dark: '#1b1b1f', light: '#ecebf2' } as const;
for (const [shade, colour] of Object.entries(glyphs)) {
  for (const size of [16, 32]) render(toolbar.replace('currentColor', colour), size, `glyph-${shade}-${size}.png`);
}
