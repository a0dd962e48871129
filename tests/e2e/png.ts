import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel of the 8-bit colour types browsers write: RGB and RGBA. */
const CHANNELS: Record<number, number> = { 2: 3, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes the non-interlaced 8-bit RGB/RGBA PNGs that browser screenshots are. */
export function decodePng(png: Buffer): Pixels {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = CHANNELS[colourType!] ?? 0;
      if (bitDepth !== 8 || !channels || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (!width || !height) throw new Error('PNG without IHDR');

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const current = new Uint8Array(stride);
  let previous = new Uint8Array(stride);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const filter = raw[row]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[row + 1 + i]!;
      const left = i >= channels ? current[i - channels]! : 0;
      const up = previous[i]!;
      const upLeft = i >= channels ? previous[i - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} in row ${y}`);
      current[i] = (x + predictor) & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const out = (y * width + px) * 4;
      rgba[out] = current[px * channels]!;
      rgba[out + 1] = current[px * channels + 1]!;
      rgba[out + 2] = current[px * channels + 2]!;
      rgba[out + 3] = channels === 4 ? current[px * channels + 3]! : 255;
    }
    previous = Uint8Array.from(current);
  }
  return { width, height, rgba };
}

/**
 * Share of pixels that differ from the most common colour. A page that failed to
 * render (blank, or one flat background) scores 0; a rendered popup with text and
 * controls scores well above 0.5 %.
 */
export function inkRatio(pixels: Pixels): number {
  const total = pixels.rgba.length / 4;
  return (total - dominantColour(pixels).pixels) / total;
}

/** The most common colour (the page's background) as [r, g, b, a], and how many pixels have it. */
export function dominantColour({ rgba }: Pixels): { rgba: [number, number, number, number]; pixels: number } {
  const counts = new Map<number, number>();
  const view = new DataView(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  for (let i = 0; i < rgba.length; i += 4) {
    const colour = view.getUint32(i);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  let colour = 0;
  let pixels = 0;
  for (const [candidate, count] of counts) {
    if (count > pixels) [colour, pixels] = [candidate, count];
  }
  return { rgba: [colour >>> 24, (colour >>> 16) & 0xff, (colour >>> 8) & 0xff, colour & 0xff], pixels };
}

export const MIN_INK_RATIO = 0.005;

/** Throws unless the screenshot shows something besides one flat colour. */
export function assertNotBlank(png: Buffer, what: string): void {
  const ratio = inkRatio(decodePng(png));
  if (ratio < MIN_INK_RATIO) {
    throw new Error(`the screenshot of ${what} is blank: ${(ratio * 100).toFixed(3)} % of its pixels differ from the background`);
  }
}

/**
 * The leftmost and rightmost columns with ink (pixels far from the background colour)
 * between rows `top` and `bottom`: where a line of text or a control sits across the
 * page. Used to tell a mirrored (right-to-left) layout from a left-to-right one.
 */
export function inkSpan(pixels: Pixels, top: number, bottom: number): { left: number; right: number } | null {
  const [br, bg, bb] = dominantColour(pixels).rgba;
  let left = Infinity;
  let right = -Infinity;
  for (let y = Math.max(0, top); y < Math.min(bottom, pixels.height); y++) {
    for (let x = 0; x < pixels.width; x++) {
      const i = (y * pixels.width + x) * 4;
      const distance = Math.abs(pixels.rgba[i]! - br) + Math.abs(pixels.rgba[i + 1]! - bg) + Math.abs(pixels.rgba[i + 2]! - bb);
      if (distance > 96) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return left === Infinity ? null : { left, right };
}
