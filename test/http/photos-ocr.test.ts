// Automatic proposals with the real offline tesseract pool (issue #5 tests): the contacts
// screenshot (names and phone numbers against contacts-contacts.json), a photo with no text (no
// text proposals), a synthetic parking permit whose personal data must not be readable by OCR in
// the redacted rendition (while its plain words still are), and a 記録事項 sheet (never publish).
import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeRegions } from '../../src/images/detect/propose.js';
import { docFromOcr, fullText } from '../../src/identity/ocr/parse-text.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { contactsRecall, digits } from '../helpers/photo-recall.js';
import { TESTDATA, tradeinWith, uploadPhoto, waitForPhotoJobs } from '../helpers/photo-fixtures.js';
import { factoryClock } from '../helpers/tradein-factory.js';
import { parkingPermit, permitTruth, vehicleRecordSheet } from '../helpers/photo-synth.js';

let t: TestApp;
let staff: string;
let otherItem: string;
let carItem: string;
beforeAll(async () => {
  t = await buildTestApp({ env: { OCR_ENABLED: 'true', OCR_WORKERS: '1' }, build: { clock: factoryClock } });
  await t.app.daicho.deps.ocr!.ready();
  const store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  otherItem = (await tradeinWith(t, staff, store.id, { item: 'phone' })).items[1]!.id; // the jacket: subject other (no screen_text region)
  carItem = (await tradeinWith(t, staff, store.id)).items[0]!.id;
}, 180_000);
afterAll(async () => {
  await waitForPhotoJobs(t);
  await t.close();
});

const ocrText = async (image: Buffer) => fullText(docFromOcr(await t.app.daicho.deps.ocr!.recognize(await sharp(image).resize({ width: 2000 }).png().toBuffer(), { lang: 'jpn+eng', psm: 3 })));
const photoOf = async (itemId: string, image: Buffer) => {
  const res = await uploadPhoto(t, staff, itemId, image);
  expect(res.statusCode, res.body).toBe(201);
  await waitForPhotoJobs(t);
  return (await t.inject({ method: 'GET', url: `/photos/${res.json().id}`, token: staff })).json();
};

describe('proposals with OCR', () => {
  it('finds the names and phone numbers of the contacts screenshot (recall ≥ 95%), and OCR reads none of them once redacted', async () => {
    const image = fs.readFileSync(`${TESTDATA}redaction/contacts-example_git_hub.png`);
    const truth = JSON.parse(fs.readFileSync(`${TESTDATA}redaction/contacts-contacts.json`, 'utf8')) as Record<string, string>;
    const meta = await sharp(image).metadata();
    const { proposals } = await proposeRegions({ image, size: { width: meta.width!, height: meta.height! }, subject: 'other', ocr: t.app.daicho.deps.ocr, faces: null, maxPixels: t.config.MAX_IMAGE_PIXELS });
    const recall = contactsRecall(truth, proposals);
    expect(recall.names.found / recall.names.total, `names missed: ${recall.names.missed.length}`).toBeGreaterThanOrEqual(0.95);
    expect(recall.phones.found / recall.phones.total, `phones missed: ${recall.phones.missed.length}`).toBeGreaterThanOrEqual(0.95);

    const photo = await photoOf(otherItem, image);
    expect(photo.proposals.status).toBe('done');
    for (const r of photo.regions) await t.inject({ method: 'PATCH', url: `/photos/${photo.id}/regions/${r.id}`, token: staff, payload: { status: 'confirmed' } });
    const redacted = (await t.inject({ method: 'GET', url: `/photos/${photo.id}/renditions/redacted`, token: staff })).rawPayload;
    const text = await ocrText(redacted);
    const textDigits = digits(text);
    for (const number of Object.values(truth)) expect(textDigits, 'a phone number is readable').not.toContain(number.slice(-7));
    const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    for (const name of ['jean claude', 'pignon', 'hubert', 'san-antonio', 'chirac', 'beru']) expect(folded, name).not.toContain(name);
    expect(folded).toContain('telefonnummer'); // the page is still readable where it holds no PII
  });

  it('proposes no text regions for a photo with no text', async () => {
    const photo = await photoOf(otherItem, fs.readFileSync(`${TESTDATA}redaction/presidio-no_ocr.jpg`));
    expect(photo.proposals.summary.ocr).toBe('done');
    expect(photo.regions.filter((r: { kind: string }) => r.kind !== 'face')).toEqual([]);
  });

  it('burns out labelled names, addresses, postal codes, phone and chassis numbers in Japanese text', async () => {
    const photo = await photoOf(otherItem, await parkingPermit());
    const detectors = photo.regions.map((r: { detector: string }) => r.detector).sort();
    expect(detectors).toEqual(expect.arrayContaining(['name_label', 'phone_number', 'postal_code', 'chassis_number']));
    expect(detectors.some((d: string) => d === 'address' || d === 'address_label')).toBe(true);
    for (const r of photo.regions) await t.inject({ method: 'PATCH', url: `/photos/${photo.id}/regions/${r.id}`, token: staff, payload: { status: 'confirmed' } });
    const text = (await ocrText((await t.inject({ method: 'GET', url: `/photos/${photo.id}/renditions/redacted`, token: staff })).rawPayload)).replace(/\s/g, '');
    expect(text).toContain(permitTruth.heading);
    for (const v of [permitTruth.name, '渋谷区', '神南', permitTruth.postalCode, permitTruth.phone, permitTruth.chassis]) expect(text, v).not.toContain(v);
    expect(digits(text)).not.toContain('12345678');
  });

  it('flags a 記録事項 sheet lying in a car photo never to publish (rule 60), with its name and plate', async () => {
    const photo = await photoOf(carItem, await vehicleRecordSheet());
    const doc = photo.regions.find((r: { kind: string }) => r.kind === 'vehicle_document');
    expect(doc).toMatchObject({ neverPublish: true, detector: 'document_keywords' });
    expect(photo.neverPublish).toBe(true);
    expect(photo.regions.map((r: { detector: string }) => r.detector)).toEqual(expect.arrayContaining(['name_label', 'plate_text']));
    await t.inject({ method: 'PATCH', url: `/photos/${photo.id}/regions/${doc.id}`, token: staff, payload: { status: 'confirmed' } });
    const after = (await t.inject({ method: 'GET', url: `/photos/${photo.id}`, token: staff })).json();
    expect(after.disclosure.reasons).toContain('never_publish');
  });
});
