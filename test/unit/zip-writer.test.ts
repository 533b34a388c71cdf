// The packet's ZIP writer hands yazl zlib's native CRC-32 (src/police/packet/zip-writer.ts). yazl
// chains it chunk by chunk for streamed entries, so the chained form must match the one-shot form
// and the standard check value; python's zipfile then checks the CRCs of real packets
// (test/http/police-packet.test.ts).
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { yazlCrc32 } from '../../src/police/packet/zip-writer.js';

describe('the CRC-32 yazl uses', () => {
  it('is zlib’s native one', () => {
    expect(typeof zlib.crc32).toBe('function');
    const data = randomBytes(1000);
    expect(yazlCrc32.unsigned(data)).toBe(zlib.crc32(data));
  });

  it('gives the standard check value, and the same when chained over chunks', () => {
    expect(yazlCrc32.unsigned(Buffer.from('123456789'))).toBe(0xcbf43926);
    const data = randomBytes(70_000);
    let crc = 0;
    for (let i = 0; i < data.length; i += 4096) crc = yazlCrc32.unsigned(data.subarray(i, i + 4096), crc);
    expect(crc).toBe(yazlCrc32.unsigned(data));
    expect(crc >>> 0).toBe(crc); // unsigned, as yazl writes it into the headers
  });
});
