import { describe, expect, it } from 'vitest';
import { scrubText } from '../../src/identity/masking/scrub-text.js';
import { findMyNumbers } from '../../src/identity/validators/my-number.js';
import { scrubDeep } from '../../src/identity/masking/scrub-export.js';
import { assertNoMyNumber, myNumberFields } from '../../src/shared/forbidden-numbers.js';

describe('My Number guard (rule 48)', () => {
  it('names every field holding a valid My Number, at any depth', () => {
    const issues = myNumberFields({ a: 'x', notes: 'my number 1234 5678 9018', items: [{ features: { notes: '123456789018' } }] }, '');
    expect(issues.map((i) => i.path)).toEqual(['notes', 'items.0.features.notes']);
  });
  it('passes a bad check digit and record ids (UUIDs whose last group is 12 digits passing the check)', () => {
    expect(myNumberFields({ notes: '123456789019' }, '')).toEqual([]);
    // 000000000000 passes the check digit (remainder 0 → 0): a real UUID shape that must not be refused
    expect(() => assertNoMyNumber({ customerId: '5a8f2c1e-3b4d-4e6f-8a9b-000000000000' })).not.toThrow();
    expect(() => assertNoMyNumber({ notes: 'see 000000000000' })).toThrow(/My Number/);
  });
  it('leaves record ids alone in exports too, alone or quoted in text, and still masks a number beside one', () => {
    // The failure CI caught: a disclosure packet masked the tail of a trade-in id.
    const id = '428b81ee-43c3-4aca-8601-808469482593';
    const out = scrubDeep({ id, note: `trade-in ${id} checked`, other: `${id} 1234 5678 9018` });
    expect(out.value).toEqual({ id, note: `trade-in ${id} checked`, other: `${id} **** **** ****` });
    expect(out.masked).toBe(1);
    expect(myNumberFields({ note: `trade-in ${id}` }, '')).toEqual([]);
  });
  it('leaves hex digests alone (a manifest line), and still finds a number standing beside one', () => {
    // The failure CI caught: a packet's tagmanifest-sha256.txt held a SHA-256 with 12 decimal
    // digits in a row that pass the check digit (123456789018 here).
    const digest = `9f${'123456789018'}${'c0ffee42'.repeat(6)}e1`;
    expect(digest).toHaveLength(64);
    expect(findMyNumbers(`${digest}  data/records.json\n`)).toEqual([]);
    expect(scrubText(`${digest}  data/records.json`).count).toBe(0);
    expect(findMyNumbers(`${digest} 1234 5678 9018`)).toEqual([{ index: 65, length: 14 }]);
    // a short hex word is no digest: the number in it is still found
    expect(findMyNumbers('ab123456789018')).toHaveLength(1);
  });
});
