// Which font should synthetic MRZs use? OCR-B (the real MRZ font) is not on npm and Debian's
// fonts-ocr-b is not on CI, so compare what is available: Noto Sans JP on a 44-column grid (always
// present, via npm) and DejaVu Sans Mono (system font, present on most Linux machines).
//   npx tsx test/bench/ocr-mrz.ts [--n 10] [--variants clean,degraded,hard]
// Reads the MRZ strip (truth region, padded) with eng + the MRZ whitelist, PSM 6, and counts
// characters and whole lines read exactly.

import os from 'node:os';
import { parseArgs } from 'node:util';
import { type Variant, generateDocument } from '../fixtures/synth/index.js';
import sharp from 'sharp';
import { TesseractPool } from '../../src/identity/ocr/tesseract-pool.js';

const WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

function charAccuracy(got: string, want: string): number {
  let same = 0;
  for (let i = 0; i < want.length; i++) if (got[i] === want[i]) same += 1;
  return same / want.length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '10' }, variants: { type: 'string', default: 'clean,degraded,hard' } },
  });
  const n = Number(values.n);
  const pool = new TesseractPool({ workers: os.cpus().length, cacheDir: `${os.tmpdir()}/daicho-bench-tessdata`, initialLang: 'eng' });
  await pool.ready();
  for (const family of ['Noto Sans JP', 'DejaVu Sans Mono']) {
    for (const variant of values.variants.split(',') as Variant[]) {
      let chars = 0;
      let lines = 0;
      let ms = 0;
      for (let seed = 1; seed <= n; seed++) {
        const doc = await generateDocument('passport', { seed, variant, mrzFamily: family });
        const r = doc.truth.regions.mrz!;
        const pad = Math.round((r.y1 - r.y0) * 0.25);
        const left = Math.max(0, r.x0 - pad);
        const top = Math.max(0, r.y0 - pad);
        const strip = await sharp(doc.png)
          .extract({ left, top, width: Math.min(doc.width, r.x1 + pad) - left, height: Math.min(doc.height, r.y1 + pad) - top })
          .png()
          .toBuffer();
        const res = await pool.recognize(strip, { lang: 'eng', whitelist: WHITELIST, psm: 6 });
        ms += res.ms;
        const got = res.lines.map((l) => l.text.replace(/\s/g, '')).filter((l) => l.length > 20);
        doc.truth.mrz.forEach((want, i) => {
          const g = got[i] ?? '';
          chars += charAccuracy(g, want);
          lines += g === want ? 1 : 0;
        });
      }
      console.log(`${family.padEnd(17)} ${variant.padEnd(8)} chars ${((chars / (2 * n)) * 100).toFixed(1)}%  lines exact ${lines}/${2 * n}  ${(ms / n).toFixed(0)} ms/strip`);
    }
  }
  await pool.close();
}

await main();
