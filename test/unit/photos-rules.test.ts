// The disclosure gate's rules one by one (pure), rule 59's redaction state, the renditions (burned
// in, metadata gone, orientation applied) and the proposal job queue's retry and idle semantics.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decideDisclosure, type GatePhoto, type GateRegion, redactionState } from '../../src/images/gate/disclosure-rules.js';
import { PhotoJobs } from '../../src/images/jobs/photo-jobs.js';
import { renderRenditions } from '../../src/images/render/renditions.js';
import { hasApp1, jpegWithExif, regionStats } from '../helpers/photo-fixtures.js';

const ok: GatePhoto = { anonymizedAt: null, proposalStatus: 'done', redactedBlobKey: 'r', thumbBlobKey: 't', renditionRegionsHash: 'h' };
const plate = (status: GateRegion['status'], dismissReason: string | null = null): GateRegion => ({ kind: 'licence_plate', status, neverPublish: false, dismissReason });

describe('disclosure gate', () => {
  const cases: Array<[string, GatePhoto, GateRegion[], string, boolean, string[]]> = [
    ['no regions, current rendition', ok, [], 'h', false, []],
    ['a confirmed (burned) plate', ok, [plate('confirmed')], 'h', false, []],
    ['a plate waived with a reason (rule 59)', ok, [plate('dismissed', 'own demo car')], 'h', false, []],
    ['a plate still proposed', ok, [plate('proposed')], 'h', false, ['unresolved']],
    ['a dismissal without reason', ok, [plate('dismissed')], 'h', false, ['unresolved']],
    ['a 車検証, even confirmed (rule 60)', ok, [{ kind: 'vehicle_document', status: 'confirmed', neverPublish: true, dismissReason: null }], 'h', false, ['never_publish']],
    ['an ID card flagged by kind alone', ok, [{ kind: 'id_document', status: 'confirmed', neverPublish: false, dismissReason: null }], 'h', false, ['never_publish']],
    ['a notification screen', ok, [{ kind: 'screen_text', status: 'confirmed', neverPublish: true, dismissReason: null }], 'h', false, ['never_publish']],
    ['a dismissed document', ok, [{ kind: 'vehicle_document', status: 'dismissed', neverPublish: true, dismissReason: 'a brochure' }], 'h', false, []],
    ['a stale rendition', ok, [], 'other', false, ['rendition_stale']],
    ['no rendition', { ...ok, thumbBlobKey: null }, [], 'h', false, ['rendition_stale']],
    ['proposals still running', { ...ok, proposalStatus: 'running' }, [], 'h', false, ['proposals_pending']],
    ['proposals failed', { ...ok, proposalStatus: 'failed' }, [], 'h', false, ['proposals_failed']],
    ['an anonymised photo', { ...ok, anonymizedAt: '2029-11-21T00:00:00Z' }, [], 'h', false, ['anonymized']],
    ['an opted-out subject', ok, [plate('confirmed')], 'h', true, ['opted_out']],
  ];
  it.each(cases)('%s', (_, photo, regions, hash, optedOut, reasons) => {
    expect(decideDisclosure(photo, regions, hash, optedOut)).toEqual({ disclosable: reasons.length === 0, reasons });
  });

  it('rule 59: redaction.required on a vehicle photo with a plate; satisfied once masked or waived', () => {
    expect(redactionState('vehicle', [plate('proposed')])).toMatchObject({ required: true, satisfied: false, pending: 1 });
    expect(redactionState('vehicle', [plate('confirmed'), plate('dismissed', 'x')])).toMatchObject({ required: true, satisfied: true, masked: 1, waived: 1 });
    expect(redactionState('device', [])).toMatchObject({ required: false, satisfied: true });
  });
});

describe('renditions', () => {
  it('burn the regions into the pixels, apply the orientation and carry no metadata', async () => {
    const original = await jpegWithExif(400, 200);
    const rect = { x: 20, y: 250, width: 120, height: 100 };
    const r = await renderRenditions(original, [rect, { x: 190, y: 390, width: 50, height: 50 }], { width: 200, height: 400 }, 4e7);
    for (const img of [r.redacted, r.thumbnail]) {
      const m = await sharp(img).metadata();
      expect([m.format, m.exif, m.icc, m.xmp, m.orientation]).toEqual(['jpeg', undefined, undefined, undefined, undefined]);
      expect(hasApp1(img)).toBe(false);
    }
    expect(await sharp(r.redacted).metadata()).toMatchObject({ width: 200, height: 400 });
    const inside = await regionStats(r.redacted, { x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, height: rect.height - 4 });
    const outside = await regionStats(r.redacted, { x: rect.x + 2, y: 20, width: rect.width - 4, height: rect.height - 4 });
    expect(inside.mean).toBeLessThan(5);
    expect(inside.sd).toBeLessThan(2);
    expect(outside.mean).toBeGreaterThan(60);
  });
});

describe('proposal job queue', () => {
  it('runs one job at a time, retries a job that asks for it, and reports idle', async () => {
    const log: string[] = [];
    let running = 0;
    let tries = 0;
    const jobs = new PhotoJobs({
      retryDelayMs: 10,
      run: async (id) => {
        running++;
        expect(running).toBe(1);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        log.push(id);
        if (id === 'b' && ++tries < 3) return 'retry';
        return 'done';
      },
    });
    jobs.enqueue('a');
    jobs.enqueue('b');
    jobs.enqueue('b'); // still waiting: not queued twice
    await jobs.idle();
    expect(log).toEqual(['a', 'b', 'b', 'b']);
    await jobs.stop();
    jobs.enqueue('c');
    await jobs.idle();
    expect(log).not.toContain('c');
  });
});
