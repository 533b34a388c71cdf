// QR-code-like regions on a health insurance card / 資格確認書: the code may encode the insurer and
// insured numbers, so it is masked too (健康保険法 194条の2, rule 51; MHLW: mask the QR code too).
// Two detectors, either suffices:
// 1. Finder patterns (qr-finder.ts): the three 1:1:3:1:1 corner squares of a real QR code.
// 2. A density heuristic for codes whose corners are damaged or cut: on a grey thumbnail, 6×6 px
//    cells that are high-contrast, bimodal (near black or near white, both present) and flip often
//    between dark and light; cells under confidently read words are text, not code. A connected
//    group of such cells that is roughly square (aspect 0.75-1.33), at least 5% of the image wide
//    and at least 70% filled is reported. Continuous-tone photos fail the bimodal test; a block of
//    fine print that OCR could not read might pass, which is acceptable on an insurance card.

import sharp from 'sharp';
import { type Decoded, decode } from '../ocr/pixels.js';
import type { BBox, OcrResult } from '../ocr/engine.js';
import { findQrByFinders } from './qr-finder.js';

const CELL = 6;

export async function detectQrRegions(image: Buffer | Decoded, ocr: OcrResult | null): Promise<BBox[]> {
  // Decoded once; both passes resize the raw pixels (a resize straight from the PNG decodes it
  // again each time and measured 5-10x slower than from raw).
  const dec = Buffer.isBuffer(image) ? await decode(image) : image;
  const W = dec.width;
  const H = dec.height;
  if (!W || !H) return [];
  const grey = (width: number) =>
    sharp(dec.data, { raw: { width: W, height: H, channels: dec.channels } }).grayscale().resize({ width }).raw().toBuffer({ resolveWithObject: true });
  const scaleF = Math.min(1, 1600 / W);
  const full = await grey(Math.round(W * scaleF));
  const bin = new Uint8Array(full.data.length);
  for (let i = 0; i < bin.length; i++) bin[i] = full.data[i]! < 128 ? 1 : 0;
  const toSrc = (b: BBox, s: number): BBox => ({
    x0: Math.max(0, Math.floor(b.x0 / s)), y0: Math.max(0, Math.floor(b.y0 / s)),
    x1: Math.min(W, Math.ceil(b.x1 / s)), y1: Math.min(H, Math.ceil(b.y1 / s)),
  });
  const found = findQrByFinders(bin, full.info.width, full.info.height).map((b) => toSrc(b, scaleF));
  const scale = Math.min(1, 480 / W);
  const { data, info } = await grey(Math.round(W * scale));
  for (const b of densityBoxes(data, info.width, info.height, ocr, scale)) found.push(toSrc(b, scale));
  return found;
}

function densityBoxes(data: Buffer, w: number, h: number, ocr: OcrResult | null, scale: number): BBox[] {
  const cw = Math.floor(w / CELL);
  const ch = Math.floor(h / CELL);
  const hot = new Uint8Array(cw * ch);
  const text = new Uint8Array(cw * ch);
  for (const word of (ocr?.lines ?? []).flatMap((l) => l.words)) {
    if (word.confidence < 80 || word.text.replace(/[^\p{L}\p{N}]/gu, '').length < 2) continue;
    const b = word.bbox;
    for (let y = Math.floor((b.y0 * scale) / CELL); y <= Math.min(ch - 1, Math.floor((b.y1 * scale) / CELL)); y++)
      for (let x = Math.floor((b.x0 * scale) / CELL); x <= Math.min(cw - 1, Math.floor((b.x1 * scale) / CELL)); x++) text[y * cw + x] = 1;
  }
  for (let cy = 0; cy < ch; cy++) for (let cx = 0; cx < cw; cx++) {
    let dark = 0;
    let light = 0;
    let flips = 0;
    for (let y = 0; y < CELL; y++) {
      let prev = -1;
      for (let x = 0; x < CELL; x++) {
        const v = data[(cy * CELL + y) * w + cx * CELL + x]!;
        const bit = v < 100 ? 1 : v > 160 ? 0 : -1;
        if (bit === 1) dark++;
        if (bit === 0) light++;
        if (bit >= 0 && prev >= 0 && bit !== prev) flips++;
        if (bit >= 0) prev = bit;
      }
    }
    const n = CELL * CELL;
    if ((dark + light) / n >= 0.8 && dark / n >= 0.2 && light / n >= 0.2 && flips >= 2 && !text[cy * cw + cx]) hot[cy * cw + cx] = 1;
  }
  const out: BBox[] = [];
  const seen = new Uint8Array(cw * ch);
  for (let i = 0; i < hot.length; i++) {
    if (!hot[i] || seen[i]) continue;
    const c = { x0: cw, y0: ch, x1: 0, y1: 0, count: 0 };
    const stack = [i];
    seen[i] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % cw;
      const y = (k - x) / cw;
      c.count++;
      c.x0 = Math.min(c.x0, x); c.x1 = Math.max(c.x1, x); c.y0 = Math.min(c.y0, y); c.y1 = Math.max(c.y1, y);
      // 8-neighbours plus a one-cell bridge: a code's light modules can leave a cell "quiet".
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        const j = ny * cw + nx;
        if (nx >= 0 && ny >= 0 && nx < cw && ny < ch && hot[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
      }
    }
    const bw = c.x1 - c.x0 + 1;
    const bh = c.y1 - c.y0 + 1;
    if (bw * CELL >= w * 0.05 && bw / bh >= 0.75 && bw / bh <= 1.33 && c.count / (bw * bh) >= 0.7) {
      out.push({ x0: c.x0 * CELL, y0: c.y0 * CELL, x1: (c.x1 + 1) * CELL, y1: (c.y1 + 1) * CELL });
    }
  }
  return out;
}
