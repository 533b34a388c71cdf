// Photo test data (issue #5): trade-ins of a car and a phone made through the real API, synthetic
// images (a JPEG carrying EXIF with GPS and an orientation tag, a polyglot), the upload call, and
// a wait for the proposal job queue. Values are synthetic.
import sharp from 'sharp';
import { expect } from 'vitest';
import { photoJobsFor } from '../../src/images/jobs/photo-jobs.js';
import type { TestApp } from './build-app.js';
import { multipart } from './multipart.js';
import { licenceCheck, purchaseBody } from './tradein-factory.js';

export const TESTDATA = new URL('../../../shared/testdata/', import.meta.url).pathname;

export const car = {
  category: 'AUTOMOBILE',
  designation: 'AUTOMOBILE_BODY',
  description: '普通乗用車 プリウス',
  quantity: 1,
  unitPrice: 800000,
  features: { carName: 'プリウス', chassisNumber: 'ZVW30-1234567', plateNumber: '多摩500さ4649', ownerName: '山田 太郎', colour: '白' },
};

/** A trade-in with one car (or the factory's phone + jacket); completed unless draft is asked for. */
export async function tradeinWith(t: TestApp, token: string, storeId: string, opts: { item?: 'car' | 'phone'; draft?: boolean; date?: string } = {}) {
  const date = opts.date ?? '2026-11-20';
  const body = purchaseBody(storeId, { occurredAt: `${date}T10:00:00+09:00`, ...(opts.item === 'phone' ? {} : { items: [car] }), ...(opts.draft ? {} : { verification: licenceCheck, complete: true }) });
  const res = await t.inject({ method: 'POST', url: '/tradeins', token, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; customerId: string; items: Array<{ id: string }> };
}

export function uploadPhoto(t: TestApp, token: string, itemId: string, data: Buffer, type = 'image/jpeg') {
  return t.inject({ method: 'POST', url: `/items/${itemId}/photos`, token, ...multipart({}, { filename: 'photo.jpg', type, data }) });
}

export async function waitForPhotoJobs(t: TestApp): Promise<void> {
  await photoJobsFor(t.app.daicho.db)?.idle();
}

/**
 * A landscape gradient with text-free structure, stored rotated: EXIF Orientation 6 (display turns
 * it 90° clockwise), GPS coordinates and a copyright line in EXIF. Stored w×h, displayed h×w.
 */
export async function jpegWithExif(width = 400, height = 200): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      raw[p] = (x * 255) / width;
      raw[p + 1] = (y * 255) / height;
      raw[p + 2] = 160;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Copyright: 'daicho test', Make: 'TestCam', Model: 'SN-0001' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 40/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 45/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** True when the bytes carry an APP1 segment (EXIF or XMP) anywhere before the image data. */
export function hasApp1(jpeg: Buffer): boolean {
  let p = 2;
  while (p + 4 <= jpeg.length && jpeg[p] === 0xff) {
    const marker = jpeg[p + 1]!;
    if (marker === 0xe1) return true;
    if (marker === 0xda) return false;
    p += 2 + jpeg.readUInt16BE(p + 2);
  }
  return false;
}

/** Mean and standard deviation of the luminance inside a rectangle of an encoded image. */
export async function regionStats(image: Buffer, r: { x: number; y: number; width: number; height: number }) {
  const { data } = await sharp(image).extract({ left: r.x, top: r.y, width: r.width, height: r.height }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const mean = data.reduce((a, v) => a + v, 0) / data.length;
  const sd = Math.sqrt(data.reduce((a, v) => a + (v - mean) ** 2, 0) / data.length);
  return { mean, sd };
}
