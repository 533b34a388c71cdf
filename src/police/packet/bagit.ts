// BagIt (RFC 8493) tag files of a packet. The payload sits under data/; manifest-sha256.txt lists
// every payload file as "<sha256>  <path>" — two spaces, the form `sha256sum -c` reads, and
// valid BagIt (checksum 1*WSP filepath). tagmanifest-sha256.txt covers the tag files, including
// the manifest and the public key; the Ed25519 signature is over tagmanifest-sha256.txt, so it
// binds every byte of the bag except the signature file itself.
import { createHash } from 'node:crypto';
import { formatJpDate } from '../../shared/pdf/dates.js';
import { tokyoDate } from '../../shared/japanese.js';
import { RECORDS_SCHEMA_ID, type PacketHeader } from './types.js';

export const BAGIT_TXT = Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n', 'utf8');
export const SIGNATURE_FILE = 'tagmanifest-sha256.txt.sig';
export const PUBLIC_KEY_FILE = 'signing-key.pem';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** RFC 8493 §2.1.3: only CR, LF and % are percent-encoded in manifest paths. */
function encodePath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function manifest(entries: ManifestEntry[]): Buffer {
  return Buffer.from(entries.map((e) => `${e.sha256}  ${encodePath(e.path)}\n`).join(''), 'utf8');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function bagInfo(h: PacketHeader, payload: ManifestEntry[], o: { records: number; fingerprint: string }): Buffer {
  const octets = payload.reduce((n, e) => n + e.size, 0);
  const lines: [string, string][] = [
    ['Source-Organization', h.dealer.storeName],
    ['Organization-Address', h.dealer.address],
    ['Contact-Name', h.approvedBy],
    ['External-Identifier', h.inquiry.referenceNumber],
    ['External-Description', `${h.inquiry.agency} ${h.inquiry.station} 照会への回答 (${formatJpDate(h.inquiry.receivedDate)}受領)`],
    ['Bagging-Date', tokyoDate(new Date(h.approvedAt))],
    ['Payload-Oxum', `${octets}.${payload.length}`],
    ['Bag-Software-Agent', 'daicho'],
    ['Daicho-Inquiry-Id', h.inquiry.id],
    ['Daicho-Legal-Basis', h.inquiry.legalBasis],
    ['Daicho-Records', String(o.records)],
    ['Daicho-Records-Schema', RECORDS_SCHEMA_ID],
    ['Daicho-Signature', `Ed25519 over tagmanifest-sha256.txt in ${SIGNATURE_FILE}; public key ${PUBLIC_KEY_FILE}`],
    ['Daicho-Signing-Key-SHA256', o.fingerprint],
  ];
  return Buffer.from(lines.map(([k, v]) => `${k}: ${oneLine(v)}\n`).join(''), 'utf8');
}

export const README = Buffer.from(
  [
    'daicho 警察照会回答パケット / police answer packet (BagIt 1.0, RFC 8493)',
    '',
    'data/cover.pdf            回答書 (answer letter)',
    'data/records.pdf          記録詳細: ledger fields, verification, images, staff, amendments',
    'data/records.json         machine-readable records (schema: data/records.schema.json)',
    'data/records.csv          the same for spreadsheets (UTF-8 with BOM)',
    'data/images/              image files referenced by the records',
    '',
    '検証 / How to verify (in this folder):',
    '  sha256sum -c manifest-sha256.txt          every payload file is unaltered',
    '  sha256sum -c tagmanifest-sha256.txt       the tag files are unaltered',
    `  openssl pkeyutl -verify -pubin -inkey ${PUBLIC_KEY_FILE} -rawin -in tagmanifest-sha256.txt -sigfile ${SIGNATURE_FILE}`,
    '                                            the dealer signed it (Ed25519)',
    '  Compare the key fingerprint (sha256 of the public key DER, bag-info.txt Daicho-Signing-Key-SHA256)',
    '  with the one on data/cover.pdf and the one the dealer publishes.',
    '',
  ].join('\n'),
  'utf8',
);
