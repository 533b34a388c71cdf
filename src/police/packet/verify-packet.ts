// Verifies a packet the way its recipient would: the BagIt manifests (every payload and tag file
// present and unaltered, nothing extra, Payload-Oxum), and the Ed25519 signature over
// tagmanifest-sha256.txt with the dealer's public key. Every problem names the file it concerns.
import { createHash, createPublicKey } from 'node:crypto';
import { PUBLIC_KEY_FILE, SIGNATURE_FILE } from './bagit.js';
import { publicKeyInfo, verifyBytes } from './signing-key.js';
import { type ZipEntry, ZipFormatError, ZipReader } from './zip-reader.js';

export interface PacketProblem {
  file: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  root: string | null;
  files: number;
  problems: PacketProblem[];
  /** Fingerprint of the key the signature was checked with, and where that key came from. */
  keyFingerprint: string | null;
  keySource: 'given' | 'embedded' | null;
}

function parseManifest(text: string): { sha256: string; path: string }[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(l.replace(/\r$/, ''));
      // RFC 8493 §2.1.3: only CR, LF and % are percent-encoded.
      const path = m?.[2]?.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
      return m && path ? { sha256: m[1]!.toLowerCase(), path } : { sha256: '', path: l };
    });
}

async function digest(zip: ZipReader, e: ZipEntry): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of zip.stream(e)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

export async function verifyPacket(file: string, opts: { publicKeyPem?: string } = {}): Promise<VerifyResult> {
  const problems: PacketProblem[] = [];
  const result = (root: string | null, files: number, key: Pick<VerifyResult, 'keyFingerprint' | 'keySource'>): VerifyResult => ({ ok: problems.length === 0, root, files, problems, ...key });
  let zip: ZipReader;
  try {
    zip = ZipReader.open(file);
  } catch (err) {
    if (!(err instanceof ZipFormatError)) throw err;
    problems.push({ file: '(zip)', problem: err.message });
    return result(null, 0, { keyFingerprint: null, keySource: null });
  }
  try {
    const roots = new Set(zip.entries.map((e) => e.name.split('/')[0]));
    if (roots.size !== 1) {
      problems.push({ file: '(zip)', problem: 'a packet holds exactly one bag folder' });
      return result(null, zip.entries.length, { keyFingerprint: null, keySource: null });
    }
    const root = [...roots][0]!;
    const byPath = new Map(zip.entries.map((e) => [e.name.slice(root.length + 1), e]));
    const read = async (p: string) => {
      const e = byPath.get(p);
      if (!e) problems.push({ file: p, problem: 'missing' });
      return e ? zip.read(e) : null;
    };
    const bagit = await read('bagit.txt');
    if (bagit && !/^BagIt-Version: 1\.0$/m.test(bagit.toString('utf8'))) problems.push({ file: 'bagit.txt', problem: 'not a BagIt 1.0 declaration' });
    const manifest = await read('manifest-sha256.txt');
    const tagmanifest = await read('tagmanifest-sha256.txt');
    const listed = new Set<string>();
    for (const [name, text] of [['manifest-sha256.txt', manifest], ['tagmanifest-sha256.txt', tagmanifest]] as const) {
      if (!text) continue;
      for (const line of parseManifest(text.toString('utf8'))) {
        if (!line.sha256) {
          problems.push({ file: name, problem: 'a line is not "<sha256>  <path>"' });
          continue;
        }
        listed.add(line.path);
        const e = byPath.get(line.path);
        if (!e) {
          problems.push({ file: line.path, problem: `listed in ${name} but missing` });
          continue;
        }
        const got = await digest(zip, e).catch(() => null);
        if (!got) problems.push({ file: line.path, problem: 'cannot be read (damaged entry)' });
        else if (got.sha256 !== line.sha256) problems.push({ file: line.path, problem: 'altered: its SHA-256 differs from the manifest' });
      }
    }
    for (const p of byPath.keys()) if (p.startsWith('data/') && !listed.has(p)) problems.push({ file: p, problem: 'payload file not in manifest-sha256.txt' });
    const info = await read('bag-info.txt');
    const oxum = info ? /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info.toString('utf8')) : null;
    const payload = [...byPath.entries()].filter(([p]) => p.startsWith('data/'));
    if (oxum && (Number(oxum[2]) !== payload.length || Number(oxum[1]) !== payload.reduce((n, [, e]) => n + e.size, 0))) {
      problems.push({ file: 'bag-info.txt', problem: 'Payload-Oxum does not match the payload' });
    }
    const signature = await read(SIGNATURE_FILE);
    const embedded = await read(PUBLIC_KEY_FILE);
    const keyPem = opts.publicKeyPem ?? embedded?.toString('utf8');
    let keyFingerprint: string | null = null;
    if (keyPem) {
      try {
        keyFingerprint = publicKeyInfo(createPublicKey(keyPem)).fingerprint;
      } catch {
        problems.push({ file: opts.publicKeyPem ? '(given key)' : PUBLIC_KEY_FILE, problem: 'not a public key' });
      }
    }
    if (tagmanifest && signature && keyPem && keyFingerprint && !verifyBytes(keyPem, tagmanifest, signature)) {
      problems.push({ file: SIGNATURE_FILE, problem: 'the Ed25519 signature over tagmanifest-sha256.txt does not verify with this key' });
    }
    return result(root, zip.entries.length, { keyFingerprint, keySource: opts.publicKeyPem ? 'given' : embedded ? 'embedded' : null });
  } finally {
    zip.close();
  }
}
