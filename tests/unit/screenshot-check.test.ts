import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertNotBlank, decodePng, dominantColour, inkRatio, MIN_INK_RATIO } from '../e2e/png.ts';

/*
 * The real-browser tests' guard against blank screenshots, checked here (it needs no
 * browser) so that it never counts as a real-browser test run.
 */

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG whose rows use `filter`, so the decoder's un-filtering is exercised. */
function rgbPng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], filter: number): Buffer {
  const rows: Buffer[] = [];
  let previous = Buffer.alloc(width * 3);
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width * 3);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), x * 3);
    const encoded = Buffer.alloc(width * 3);
    for (let i = 0; i < row.length; i++) {
      const left = i >= 3 ? row[i - 3]! : 0;
      const up = previous[i]!;
      encoded[i] = (row[i]! - [0, left, up, (left + up) >> 1][filter]!) & 0xff;
    }
    rows.push(Buffer.from([filter]), encoded);
    previous = row;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the blank-screenshot check of the real-browser tests', () => {
  it.each([0, 1, 2, 3])('rejects a flat page and accepts one with content (PNG filter %i)', (filter) => {
    const flat = rgbPng(40, 30, () => [255, 255, 255], filter);
    expect(() => assertNotBlank(flat, 'a white page')).toThrow(/the screenshot of a white page is blank: 0\.000 %/);

    const drawn = rgbPng(40, 30, (x, y) => (x > 10 && x < 30 && y > 5 && y < 12 ? [80, 50, 200] : [255, 255, 255]), filter);
    const pixels = decodePng(drawn);
    expect([...pixels.rgba.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...pixels.rgba.subarray((8 * 40 + 20) * 4, (8 * 40 + 20) * 4 + 4)]).toEqual([80, 50, 200, 255]);
    expect(inkRatio(pixels)).toBe((19 * 6) / (40 * 30));
    expect(dominantColour(pixels)).toEqual({ rgba: [255, 255, 255, 255], pixels: 40 * 30 - 19 * 6 });
    expect(() => assertNotBlank(drawn, 'a page with a button')).not.toThrow();
  });

  it('calls a page blank when only a speck differs from its background (a dark page too)', () => {
    // 1 pixel in 40×30 is 0.08 %: under the 0.5 % a rendered popup always exceeds.
    const speck = rgbPng(40, 30, (x, y) => (x === 3 && y === 3 ? [0, 0, 0] : [30, 30, 30]), 0);
    expect(inkRatio(decodePng(speck))).toBeLessThan(MIN_INK_RATIO);
    expect(() => assertNotBlank(speck, 'a dark page')).toThrow(/blank/);
  });

  it('refuses what is not a PNG rather than calling it fine', () => {
    expect(() => assertNotBlank(Buffer.from('<html></html>'), 'an error page')).toThrow(/not a PNG/);
  });
});
