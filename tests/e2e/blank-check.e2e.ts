import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync, crc32 } from 'node:zlib';
import { assertNotBlank, decodePng, dominantColour, inkRatio } from './png.ts';

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

test('the screenshot check rejects a flat page and accepts one with content', () => {
  for (const filter of [0, 1, 2, 3]) {
    const flat = rgbPng(40, 30, () => [255, 255, 255], filter);
    assert.throws(() => assertNotBlank(flat, 'a white page'), /blank/);

    const drawn = rgbPng(40, 30, (x, y) => (x > 10 && x < 30 && y > 5 && y < 12 ? [80, 50, 200] : [255, 255, 255]), filter);
    const pixels = decodePng(drawn);
    assert.deepEqual([...pixels.rgba.subarray(0, 4)], [255, 255, 255, 255]);
    assert.deepEqual([...pixels.rgba.subarray((8 * 40 + 20) * 4, (8 * 40 + 20) * 4 + 4)], [80, 50, 200, 255]);
    assert.equal(inkRatio(pixels), (19 * 6) / (40 * 30));
    assert.deepEqual(dominantColour(pixels), { rgba: [255, 255, 255, 255], pixels: 40 * 30 - 19 * 6 });
    assertNotBlank(drawn, 'a page with a button');
  }
});
