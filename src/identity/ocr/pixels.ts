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

/**
 * PNG options for an image only handed to an OCR worker, never stored: no compression. A 960 px
 * card encodes in 3 ms against 7 at level 1 (the main thread's CPU, which the pool's workers
 * share), and tesseract decodes it in the same time at any level (measured: 134 ms per
 * half-card read at levels 0, 1 and 6). The extra megabyte is copied once, to the worker thread.
 */
export const OCR_PNG = { compressionLevel: 0 } as const;

export function pngForOcr(image: Decoded): Promise<Buffer> {
  return sharpOf(image).png(OCR_PNG).toBuffer();
}

/** An encoded image, or the means to encode it when first needed. */
export type Encoded = Buffer | (() => Promise<Buffer>);

export function encoded(image: Encoded): Promise<Buffer> {
  return Buffer.isBuffer(image) ? Promise.resolve(image) : image();
}

/**
 * The PNG of `image` for OCR, encoded on first use only: a card read in halves (split-read.ts)
 * never needs its whole-page PNG unless a later step reads the whole page again.
 */
export function lazyPng(image: Decoded): () => Promise<Buffer> {
  let p: Promise<Buffer> | null = null;
  return () => (p ??= pngForOcr(image));
}
