// Feed latency (issue #5 benchmark, part of images-redaction.ts): an in-process app with 400
// disclosable photos (a few uploaded through the real verb, the rest cloned rows sharing their
// encrypted renditions), timing GET /photo-feed?limit=50 and one disclosed thumbnail (the gate
// re-decided, the disclosure logged, the provision record extended).
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { photos } from '../../src/db/schema/index.js';
import { photoJobsFor } from '../../src/images/jobs/photo-jobs.js';
import { newId } from '../../src/shared/ids.js';
import { buildTestApp } from '../helpers/build-app.js';
import { multipart } from '../helpers/multipart.js';
import { licenceCheck, purchaseBody } from '../helpers/tradein-factory.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchFeed(opts: { photos?: number } = {}) {
  const total = opts.photos ?? 400;
  const t = await buildTestApp();
  try {
    const store = t.makeStore();
    const staff = t.tokenFor('staff', [store.id]).token;
    const dealer = t.tokenFor('dealer').token;
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { verification: licenceCheck, complete: true }) })).json();
    const itemId = tr.items[1].id; // a jacket: no plates, no screens
    const image = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8899aa', noise: { type: 'gaussian', mean: 128, sigma: 20 } } }).jpeg().toBuffer();
    for (let i = 0; i < 4; i++) await t.inject({ method: 'POST', url: `/items/${itemId}/photos`, token: staff, ...multipart({}, { filename: 'p.jpg', type: 'image/jpeg', data: image }) });
    await photoJobsFor(t.app.daicho.db)?.idle();
    const seeds = t.app.daicho.db.select().from(photos).all();
    t.app.daicho.db.$client.transaction(() => {
      for (let i = seeds.length; i < total; i++) {
        const s = seeds[i % seeds.length]!;
        t.app.daicho.db.insert(photos).values({ ...s, id: newId(), createdAt: new Date(Date.parse(s.createdAt) + i).toISOString() }).run();
      }
    })();
    const list: number[] = [];
    let first: { photoId: string } | undefined;
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const res = await t.inject({ method: 'GET', url: '/photo-feed?limit=50', token: dealer });
      list.push(performance.now() - t0);
      first ??= res.json().photos[0];
    }
    const fetches: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      await t.inject({ method: 'GET', url: `/photo-feed/${first!.photoId}/thumbnail`, token: dealer });
      fetches.push(performance.now() - t0);
    }
    console.log(`  feed (in-process inject, ${total} disclosable photos): GET /photo-feed?limit=50 median ${median(list.slice(1)).toFixed(1)} ms; GET a thumbnail (gate, disclosure log, provision record, decrypt) median ${median(fetches.slice(1)).toFixed(1)} ms`);
    return { feedListMs: median(list.slice(1)), feedImageMs: median(fetches.slice(1)) };
  } finally {
    await t.close();
  }
}
