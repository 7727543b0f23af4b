import { inflateSync } from 'node:zlib';

/** An 8-bit greyscale image (pdftoppm writes grey or RGB PNGs; RGB is averaged to grey). */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Undoes one PNG filter (RFC 2083 §6) on a row of `bpp`-byte pixels. */
function unfilter(type: number, row: Uint8Array, previous: Uint8Array, bpp: number): void {
  for (let x = 0; x < row.length; x++) {
    const left = x >= bpp ? row[x - bpp] : 0;
    const up = previous[x];
    const upLeft = x >= bpp ? previous[x - bpp] : 0;
    switch (type) {
      case 0:
        break;
      case 1:
        row[x] = (row[x] + left) & 0xff;
        break;
      case 2:
        row[x] = (row[x] + up) & 0xff;
        break;
      case 3:
        row[x] = (row[x] + ((left + up) >> 1)) & 0xff;
        break;
      case 4: {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        row[x] = (row[x] + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)) & 0xff;
        break;
      }
      default:
        throw new Error(`unknown PNG filter ${type}`);
    }
  }
}

/** Reads an 8-bit greyscale or RGB, non-interlaced PNG: all the golden-image test needs. */
export function readGreyPng(png: Buffer): GreyImage {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || (colour !== 0 && colour !== 2) || interlace !== 0) {
        throw new Error('only 8-bit greyscale or RGB, non-interlaced PNGs are read');
      }
      bpp = colour === 2 ? 3 : 1;
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const pixels = new Uint8Array(width * height);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const row = Uint8Array.from(raw.subarray(start + 1, start + 1 + stride));
    unfilter(raw[start], row, previous, bpp);
    for (let x = 0; x < width; x++) {
      const at = x * bpp;
      pixels[y * width + x] =
        bpp === 1 ? row[at] : Math.round((row[at] + row[at + 1] + row[at + 2]) / 3);
    }
    previous = row;
  }
  return { width, height, pixels };
}

/** Share of pixels that differ by more than `threshold` grey levels (0–255). */
export function differingShare(a: GreyImage, b: GreyImage, threshold = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) {
    if (Math.abs(a.pixels[i] - b.pixels[i]) > threshold) differing++;
  }
  return differing / a.pixels.length;
}
