// Writes synthetic ID documents to a folder for eyeballing:
//   npx tsx scripts/gen-synthetic.ts [--out DIR] [--n N] [--kind K|all] [--variant V|all] [--seed S] [--boxes]
// Each image gets a .json with its truth; --boxes also writes *.boxes.png with the recorded
// regions outlined in red (to check they sit on the fields after warping).

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DOC_KINDS, type DocKind, VARIANTS, type Variant, generateDocument } from '../test/fixtures/synth/index.js';
// After the generator (which configures fonts before sharp loads).
import sharp from 'sharp';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'tmp/synth' },
    n: { type: 'string', default: '3' },
    kind: { type: 'string', default: 'all' },
    variant: { type: 'string', default: 'all' },
    seed: { type: 'string', default: '1' },
    boxes: { type: 'boolean', default: false },
  },
});

const kinds = values.kind === 'all' ? DOC_KINDS : [values.kind as DocKind];
const variants = values.variant === 'all' ? VARIANTS : [values.variant as Variant];
for (const k of kinds) if (!DOC_KINDS.includes(k)) throw new Error(`unknown kind ${k}; one of ${DOC_KINDS.join(', ')}`);
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}; one of ${VARIANTS.join(', ')}`);

await mkdir(values.out, { recursive: true });
const n = Number(values.n);
const first = Number(values.seed);
let written = 0;
for (const kind of kinds) {
  for (let seed = first; seed < first + n; seed++) {
    for (const variant of variants) {
      const doc = await generateDocument(kind, { seed, variant });
      const base = path.join(values.out, `${kind}-${seed}-${variant}`);
      await writeFile(`${base}.png`, doc.png);
      await writeFile(`${base}.json`, `${JSON.stringify(doc.truth, null, 2)}\n`);
      if (values.boxes) {
        const rects = Object.values(doc.truth.regions)
          .map((b) => b && `<rect x="${b.x0}" y="${b.y0}" width="${b.x1 - b.x0}" height="${b.y1 - b.y0}" fill="none" stroke="red" stroke-width="2"/>`)
          .join('');
        const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${doc.width}" height="${doc.height}">${rects}</svg>`;
        await sharp(doc.png).composite([{ input: Buffer.from(overlay) }]).png().toFile(`${base}.boxes.png`);
      }
      written += 1;
    }
  }
}
console.log(`wrote ${written} documents to ${path.resolve(values.out)}`);
