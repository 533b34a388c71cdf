// An upload held in memory as raw pixels, decoded once: the OCR workers are sent a PNG of them, and
// masking, QR detection and line crops work on the pixels themselves instead of decoding the PNG
// again (about 5 ms per decode of a 1000 px card; two or three per document).

import sharp, { type Sharp } from 'sharp';

export interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** The raw pixels a sharp pipeline ends in. */
export async function toPixels(pipeline: Sharp): Promise<Decoded> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function decode(image: Buffer): Promise<Decoded> {
  return toPixels(sharp(image));
}

/** A sharp pipeline over decoded pixels, or over an encoded image. */
export function sharpOf(image: Buffer | Decoded): Sharp {
  if (Buffer.isBuffer(image)) return sharp(image);
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
}

/** PNG level 1: quick to encode; it is only handed to an OCR worker, never stored. */
export function pngForOcr(image: Decoded): Promise<Buffer> {
  return sharpOf(image).png({ compressionLevel: 1 }).toBuffer();
}
