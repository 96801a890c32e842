// A small PNG reader for tests that check screenshots: 8-bit RGB or RGBA, not interlaced (what
// Chromium writes). Decodes the pixels in full, so a truncated or corrupt image throws.
// https://www.w3.org/TR/png-3/#5DataRep
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  readonly channels: 3 | 4;
  /** Rows top to bottom, `channels` bytes a pixel, no filter bytes. */
  readonly pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(file: Buffer): DecodedPng {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let header: { width: number; height: number; channels: 3 | 4 } | undefined;
  const data: Buffer[] = [];
  let ended = false;
  for (let offset = 8; offset < file.length && !ended; ) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) throw new Error(`truncated ${type} chunk`);
    if (type === 'IHDR') header = readHeader(body);
    if (type === 'IDAT') data.push(body);
    ended = type === 'IEND';
    offset += 12 + length;
  }
  if (header === undefined || !ended) throw new Error('not a PNG: IHDR or IEND missing');
  const { width, height, channels } = header;
  const filtered = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  if (filtered.length !== height * (stride + 1))
    throw new Error(`image data is ${filtered.length} bytes, not ${height} rows of ${stride + 1}`);
  return { width, height, channels, pixels: unfilter(filtered, height, stride, channels) };
}

function readHeader(body: Buffer): { width: number; height: number; channels: 3 | 4 } {
  const [depth, colourType, , , interlace] = body.subarray(8, 13);
  if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
  }
  return { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels: colourType === 6 ? 4 : 3 };
}

/** https://www.w3.org/TR/png-3/#9Filter-types */
function unfilter(filtered: Buffer, height: number, stride: number, channels: number): Uint8Array {
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = filtered[row * (stride + 1)]!;
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[target + i - channels]! : 0;
      const b = row > 0 ? pixels[target - stride + i]! : 0;
      const c = row > 0 && i >= channels ? pixels[target - stride + i - channels]! : 0;
      pixels[target + i] = (filtered[source + i]! + predict(filter, a, b, c)) & 0xff;
    }
  }
  return pixels;
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`unknown PNG filter type ${filter}`);
  }
}

/** The colour of the pixel at (x, y) as `rgb(r, g, b)`, as getComputedStyle writes an opaque colour. */
export function pixelAt(png: DecodedPng, x: number, y: number): string {
  const at = (y * png.width + x) * png.channels;
  return `rgb(${png.pixels[at]}, ${png.pixels[at + 1]}, ${png.pixels[at + 2]})`;
}
