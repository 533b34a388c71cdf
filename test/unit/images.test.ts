import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../src/shared/images.js';

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: '#888' } }).png().toBuffer();

describe('inspectImage', () => {
  it('accepts JPEG, PNG and WebP by content', async () => {
    const base = sharp({ create: { width: 40, height: 30, channels: 3, background: '#123' } });
    for (const [fmt, buf] of [['png', await base.clone().png().toBuffer()], ['jpeg', await base.clone().jpeg().toBuffer()], ['webp', await base.clone().webp().toBuffer()]] as const) {
      expect(await inspectImage(buf, { maxPixels: 1e6 })).toEqual({ format: fmt, width: 40, height: 30 });
    }
  });
  it('refuses non-images, GIF, empty, truncated and over-the-ceiling images', async () => {
    await expect(inspectImage(Buffer.from('%PDF-1.7 not an image'), { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'image_unreadable' });
    await expect(inspectImage(Buffer.alloc(0), { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'image_empty' });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    await expect(inspectImage(gif, { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'image_unsupported' });
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#000' }, }).jpeg().toBuffer();
    await expect(inspectImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)), { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'image_corrupt' });
    await expect(inspectImage(await png(2000, 2000), { maxPixels: 1e6 })).rejects.toMatchObject({ code: 'image_too_large' });
  });
  it('refuses a decompression bomb from its header, before decoding it', async () => {
    // 20000 x 20000 PNG of one colour: tiny on disk, 400 MP (1.2 GB) decoded.
    const bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#fff' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    const rss = process.memoryUsage().rss;
    await expect(inspectImage(bomb, { maxPixels: 40_000_000 })).rejects.toMatchObject({ code: 'image_too_large' });
    expect(process.memoryUsage().rss - rss).toBeLessThan(300_000_000);
  });
});
