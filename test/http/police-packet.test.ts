// The police export packet (DOMAIN rule 37): reproducible bytes, BagIt manifests that standard
// tools verify, an Ed25519 signature, a verifier that names an altered file, the documented
// records.json schema, and never a My Number or a health-insurance number in any file.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMyNumbers } from '../../src/identity/validators/my-number.js';
import { packetVerifyCommand } from '../../src/police/packet/verify-command.js';
import { verifyPacket } from '../../src/police/packet/verify-packet.js';
import { ZipReader } from '../../src/police/packet/zip-reader.js';
import type { Clock } from '../../src/shared/context.js';
import { myNumberFields } from '../../src/shared/forbidden-numbers.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { completedPurchase, imei, inquiryBody, phone, seedIdImage, syntheticImage, waitForExport } from '../helpers/police-factory.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

const now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
const MY_NUMBER = '123456789018'; // valid check digit (DOMAIN rule 49)
const INSURER = '06135018';
const PHONE = imei('35875604112233');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let dir: string;
let zipFile: string;
let bag: string;
let packet: Buffer;
let exportSha: string;
let inquiryId: string;
let alice: string;
const shas: string[] = [];

function extract(zip: string, to: string): string {
  fs.rmSync(to, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, to]);
  const [root] = fs.readdirSync(to);
  return path.join(to, root!);
}

async function extractWithReader(zip: string, to: string): Promise<string> {
  const zr = ZipReader.open(zip);
  try {
    for (const e of zr.entries) {
      const target = path.join(to, e.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, await zr.read(e));
    }
  } finally {
    zr.close();
  }
  return path.join(to, zr.entries[0]!.name.split('/')[0]!);
}

function files(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

async function exportOnce(): Promise<string> {
  const job = (await t.inject({ method: 'POST', url: `/police/inquiries/${inquiryId}/exports`, token: alice })).json();
  const done = await waitForExport(t, job.id, alice);
  expect(done.status).toBe('done');
  return done.id;
}

beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  dir = path.join(t.dataDir, 'packet-test');
  fs.mkdirSync(dir);
  const store = t.makeStore();
  const staff = t.tokenFor('staff', [store.id]).token;
  alice = t.tokenFor('compliance').token;
  const bob = t.tokenFor('compliance').token;
  const a = await completedPurchase(t, staff, store.id, { items: [phone(PHONE)] });
  const amend = await t.inject({ method: 'POST', url: `/tradeins/${a.id}/amendments`, token: staff, payload: { reason: '免許証の住所と相違', counterparty: { address: '東京都千代田区神田須田町9-9-9' } } });
  expect(amend.statusCode).toBe(200);
  const car = { category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '軽自動車', quantity: 1, unitPrice: 300000, features: { carName: 'N-BOX', chassisNumber: 'JF3-7654321', plateNumber: '練馬 580 あ 12-34', ownerName: '山田 太郎', ownerNameSource: 'ic' } };
  const b = await completedPurchase(t, staff, store.id, { occurredAt: '2026-11-21T10:00:00+09:00', items: [car] });
  // Stored (masked) ID images; the extraction carries numbers a legacy row could hold.
  const leak = { fields: { number: { value: MY_NUMBER }, insurer: { value: `保険者番号 ${INSURER}` } } };
  await seedIdImage(t, { id: a.id, storeId: store.id }, { image: await syntheticImage(640, 400, 'jpeg', 1), extraction: leak });
  await seedIdImage(t, { id: a.id, storeId: store.id }, { side: 'back', image: await syntheticImage(640, 400, 'png', 2) });
  await seedIdImage(t, { id: b.id, storeId: store.id }, { documentType: 'HEALTH_INSURANCE_CARD', image: await syntheticImage(500, 320, 'jpeg', 3), extraction: leak });
  // A legacy value that bypassed today's input checks (rule 48 refuses it at the door now).
  const db = t.app.daicho.db.$client;
  db.prepare(`UPDATE tradein_items SET features = json_set(features, '$.notes', ?) WHERE id = ?`).run(`控え ${MY_NUMBER.replace(/(\d{4})(\d{4})/, '$1 $2 ')} 保険者番号 ${INSURER}`, a.items[0]!.id);
  db.prepare('UPDATE tradeins SET notes = ? WHERE id = ?').run(`個人番号 ${MY_NUMBER}`, a.id);

  const q = (await t.inject({ method: 'POST', url: '/police/inquiries', token: alice, payload: inquiryBody(store.id, { criteria: { identifiers: [PHONE], persons: [{ name: licenceHolder.name, dateOfBirth: licenceHolder.dateOfBirth }], dateFrom: '2026-11-01', dateTo: '2026-11-30' } }) })).json();
  inquiryId = q.id;
  const s = (await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/search`, token: alice })).json();
  const ids = s.matches.map((m: { itemId: string }) => m.itemId);
  expect(ids).toEqual(expect.arrayContaining([a.items[0]!.id, b.items[0]!.id]));
  await t.inject({ method: 'PUT', url: `/police/inquiries/${q.id}/selection`, token: alice, payload: { itemIds: [a.items[0]!.id, b.items[0]!.id] } });
  expect((await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/approve`, token: bob })).statusCode).toBe(200);

  const first = await exportOnce();
  const second = await exportOnce();
  for (const id of [first, second]) shas.push((await t.inject({ method: 'GET', url: `/police/exports/${id}`, token: alice })).json().sha256);
  const dl = await t.inject({ method: 'GET', url: `/police/exports/${first}/download`, token: alice });
  packet = dl.rawPayload;
  exportSha = dl.headers['x-content-sha256'] as string;
  zipFile = path.join(dir, 'packet.zip');
  fs.writeFileSync(zipFile, packet);
  bag = extract(zipFile, path.join(dir, 'x'));
}, 120_000);
afterAll(() => t.close());

describe('reproducible', () => {
  it('the same inquiry and selection give byte-identical packets, in any time zone', async () => {
    expect(shas[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(shas[1]).toBe(shas[0]);
    expect(sha256(packet)).toBe(shas[0]);
    expect(exportSha).toBe(shas[0]);
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const third = await exportOnce();
      expect((await t.inject({ method: 'GET', url: `/police/exports/${third}`, token: alice })).json().sha256).toBe(shas[0]);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('BagIt and signature', () => {
  it('has the BagIt layout, and sha256sum -c verifies both manifests', () => {
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const payload = files(path.join(bag, 'data')).map((f) => path.relative(bag, f)).sort();
    expect(payload).toEqual(['data/cover.pdf', 'data/images/r001/id-1.jpg', 'data/images/r001/id-2.png', 'data/images/r002/id-1.jpg', 'data/records.csv', 'data/records.json', 'data/records.pdf', 'data/records.schema.json']);
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    const oxum = payload.reduce((n, p) => n + fs.statSync(path.join(bag, p)).size, 0);
    expect(info).toContain(`Payload-Oxum: ${oxum}.${payload.length}`);
    expect(info).toContain('Bagging-Date: 2026-11-22');
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const r = spawnSync('sha256sum', ['-c', '--strict', m], { cwd: bag, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });

  it('the signature verifies with openssl, the API key and the CLI; one altered byte is named', async () => {
    const key = (await t.inject({ method: 'GET', url: '/police/signing-key', token: alice })).json();
    expect(fs.readFileSync(path.join(bag, 'signing-key.pem'), 'utf8')).toBe(key.publicKeyPem);
    const keyFile = path.join(dir, 'key.pem');
    fs.writeFileSync(keyFile, key.publicKeyPem);
    const ossl = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', keyFile, '-rawin', '-in', 'tagmanifest-sha256.txt', '-sigfile', 'tagmanifest-sha256.txt.sig'], { cwd: bag, encoding: 'utf8' });
    expect(ossl.stdout + ossl.stderr).toContain('Signature Verified Successfully');
    expect((await verifyPacket(zipFile, { publicKeyPem: key.publicKeyPem })).ok).toBe(true);
    let out = '';
    const sink = {
      write: (s: string) => {
        out += s;
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    expect(await packetVerifyCommand([zipFile], t.config, sink)).toBe(0);
    expect(out).toContain(key.fingerprint);

    // one byte inside records.json's data
    const zr = ZipReader.open(zipFile);
    const entry = zr.entries.find((e) => e.name.endsWith('/data/records.json'))!;
    zr.close();
    const local = packet.readUInt16LE(entry.localHeaderOffset + 26) + packet.readUInt16LE(entry.localHeaderOffset + 28);
    const altered = Buffer.from(packet);
    const at = entry.localHeaderOffset + 30 + local + Math.floor(entry.size / 2);
    altered[at] = altered[at]! ^ 0x01;
    const bad = path.join(dir, 'altered.zip');
    fs.writeFileSync(bad, altered);
    out = '';
    expect(await packetVerifyCommand([bad, '--key', keyFile], t.config, sink)).toBe(1);
    expect(out).toContain('FAILED data/records.json: altered');
    expect(out.match(/FAILED/g)).toHaveLength(1);
    // python's zipfile refuses the altered entry (CRC-32), so write the files out with our reader
    const badBag = await extractWithReader(bad, path.join(dir, 'y'));
    const r = spawnSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: badBag, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('data/records.json: FAILED');

    // a forged signature (or another key) is named too
    const sigEntry = ZipReader.open(zipFile);
    const sig = sigEntry.entries.find((e) => e.name.endsWith('.sig'))!;
    sigEntry.close();
    const forged = Buffer.from(packet);
    const sigAt = sig.localHeaderOffset + 30 + packet.readUInt16LE(sig.localHeaderOffset + 26) + packet.readUInt16LE(sig.localHeaderOffset + 28);
    forged[sigAt] = forged[sigAt]! ^ 0xff;
    fs.writeFileSync(bad, forged);
    const v = await verifyPacket(bad, { publicKeyPem: key.publicKeyPem });
    expect(v.problems).toEqual([{ file: 'tagmanifest-sha256.txt.sig', problem: expect.stringContaining('does not verify') }]);
  });
});

describe('content (rule 37)', () => {
  it('never carries a My Number or a health-insurance number in any byte of any file', async () => {
    const all = files(bag);
    expect(all.length).toBeGreaterThan(10);
    const planted = [MY_NUMBER, MY_NUMBER.replace(/(\d{4})(\d{4})/, '$1 $2 '), INSURER];
    for (const f of all) {
      const bytes = fs.readFileSync(f);
      // Every byte of every file (images and PDFs included): none of the planted numbers, in
      // UTF-8, Latin-1 or UTF-16 as a PDF text string would hold it.
      for (const n of planted) {
        for (const needle of [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le'), Buffer.from(n, 'utf16le').swap16()]) expect(bytes.includes(needle), `${f} holds ${n}`).toBe(false);
      }
      // The rule 48 detector over whole text files. (Raw PDF bytes are not text: their glyph
      // width arrays read "1000 1000 1000", a valid check digit; PDFs are scanned as text below.)
      if (!/\.(pdf|jpg|png)$/.test(f)) expect(findMyNumbers(bytes.toString('utf8')), f).toEqual([]);
    }
    for (const pdf of ['cover.pdf', 'records.pdf']) {
      const text = (await extractPdfText(fs.readFileSync(path.join(bag, 'data', pdf)))).text;
      expect(findMyNumbers(text), pdf).toEqual([]);
      expect(text.replace(/\s/g, '').includes(INSURER), pdf).toBe(false);
    }
    // and field by field, as the write paths check input (shared/forbidden-numbers.ts)
    expect(myNumberFields(JSON.parse(fs.readFileSync(path.join(bag, 'data/records.json'), 'utf8')), 'records')).toEqual([]);
    // the legacy value is masked, not silently dropped
    expect(fs.readFileSync(path.join(bag, 'data/records.json'), 'utf8')).toContain('控え **** **** **** 保険者番号 ********');
  });

  it('records.json follows its documented schema and holds the Act 16 fields, method, identifiers, staff and history', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(bag, 'data/records.schema.json'), 'utf8'));
    const doc = JSON.parse(fs.readFileSync(path.join(bag, 'data/records.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ $schema: 'urn:daicho:police-records:1', schemaVersion: 1, inquiry: { referenceNumber: '新宿生安第1234号', legalBasis: 'ccp197_2' }, dealer: { permitNumber: '301234567890' } });
    const [phoneRec, carRec] = doc.records;
    expect(phoneRec).toMatchObject({
      intake: { date: '2026-11-20', kind: 'purchase' },
      item: { categoryLabel: '機械工具類', identifiers: { imei: PHONE } },
      counterparty: { name: licenceHolder.name, address: '東京都千代田区神田須田町9-9-9', occupation: '会社員', age: 41, dateOfBirth: licenceHolder.dateOfBirth },
      verification: { method: 'ACT15_1_1', documentType: 'DRIVERS_LICENSE', status: 'verified' },
      amendments: [{ version: 1, reason: '免許証の住所と相違', changes: [{ field: 'counterparty.address', before: licenceHolder.address }] }],
      images: [{ kind: 'id_document', file: 'images/r001/id-1.jpg' }, { kind: 'id_document', file: 'images/r001/id-2.png', side: 'back' }],
    });
    expect(phoneRec.staff.createdBy).toMatch(/^staff-/);
    expect(phoneRec.matchedOn).toEqual(['imei', 'person']);
    expect(carRec.item.identifiers).toMatchObject({ chassisNumber: 'JF3-7654321', plateNumber: '練馬 580 あ 12-34' });
    for (const img of [...phoneRec.images, ...carRec.images]) expect(sha256(fs.readFileSync(path.join(bag, 'data', img.file)))).toBe(img.sha256);
  });

  it('records.csv is UTF-8 with a BOM and CRLF; the PDFs carry the letter and each record with its images', async () => {
    const csv = fs.readFileSync(path.join(bag, 'data/records.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('番号,取引年月日,区別,品目')).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(3);
    const cover = await extractPdfText(fs.readFileSync(path.join(bag, 'data/cover.pdf')));
    const key = (await t.inject({ method: 'GET', url: '/police/signing-key', token: alice })).json();
    for (const s of ['回答書', '新宿生安第1234号', '301234567890', '刑事訴訟法第197条第2項', '警視庁', key.fingerprint, '該当記録2件']) expect(cover.compact).toContain(s);
    expect(cover.info.CreationDate).toBeTruthy();
    const recordsPdf = fs.readFileSync(path.join(bag, 'data/records.pdf'));
    const records = await extractPdfText(recordsPdf);
    for (const s of ['記録詳細', PHONE, '訂正履歴', '神田須田町1-2-3', '本人確認書類', 'JF3-7654321']) expect(records.compact).toContain(s.replace(/\s/g, ''));
    expect((recordsPdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length).toBe(3);
  });
});
