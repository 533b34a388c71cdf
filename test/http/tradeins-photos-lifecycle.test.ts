// A trade-in's photos follow the trade-in: a discarded draft takes its photos (rows and files)
// with it; an entry anonymised after its retention loses the photos' images.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { jpegWithExif, tradeinWith, uploadPhoto, waitForPhotoJobs } from '../helpers/photo-fixtures.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
});
afterAll(() => t.close());

const blobFiles = () => fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const count = (sql: string, ...args: string[]) => (t.app.daicho.db.$client.prepare(sql).get(...args) as { n: number }).n;

describe('photos follow their trade-in', () => {
  it('discarding a draft deletes its photos and their files', async () => {
    const tr = await tradeinWith(t, staff, store.id, { draft: true });
    const filesBefore = blobFiles();
    expect((await uploadPhoto(t, staff, tr.items[0]!.id, await jpegWithExif())).statusCode).toBe(201);
    await waitForPhotoJobs(t);
    expect(blobFiles()).toBeGreaterThan(filesBefore);
    const res = await t.inject({ method: 'DELETE', url: `/tradeins/${tr.id}`, token: staff });
    expect(res.json()).toMatchObject({ outcome: 'discarded' });
    expect(count('SELECT count(*) n FROM photos WHERE tradein_id = ?', tr.id)).toBe(0);
    expect(blobFiles()).toBe(filesBefore);
  });

  it('anonymising an entry past its retention removes its photos’ images', async () => {
    const tr = await tradeinWith(t, staff, store.id, { date: '2026-11-20' });
    expect((await uploadPhoto(t, staff, tr.items[0]!.id, await jpegWithExif())).statusCode).toBe(201);
    await waitForPhotoJobs(t);
    const withPhoto = blobFiles();
    now = new Date('2029-11-21T05:00:00Z');
    try {
      const compliance = t.tokenFor('compliance').token;
      const res = await t.inject({ method: 'DELETE', url: `/tradeins/${tr.id}`, token: compliance });
      expect(res.json()).toMatchObject({ outcome: 'anonymized' });
      expect(blobFiles()).toBeLessThan(withPhoto);
    } finally {
      now = new Date('2026-11-22T03:00:00Z');
    }
  });
});
