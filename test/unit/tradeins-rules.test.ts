// DOMAIN rules 1-12 (intake: identity verification and ledger), 11 and 26-27 (disposals).
import { describe, expect, it } from 'vitest';
import {
  assessIntake,
  assessSale,
  designationIssues,
  ITEM_CATEGORY_LABELS,
  ItemCategory,
  type ItemCategory as Cat,
  type ItemDesignation as Des,
  type IntakeKind,
} from '../../src/tradeins/rules/index.js';

const D = '2026-01-15';
const line = (category: Cat, unitPrice: number, designation: Des = 'NONE', quantity = 1) => ({ category, designation, quantity, unitPrice });
const intake = (items: ReturnType<typeof line>[], kind: IntakeKind = 'purchase', date = D) => assessIntake({ kind, date, items });
const rules = (reasons: { rule: number }[]) => reasons.map((r) => r.rule);

describe('categories: the 13 品目 of Rule Art. 2', () => {
  it('has 13 stable codes with Japanese labels', () => {
    expect(ItemCategory.options).toHaveLength(13);
    expect(ITEM_CATEGORY_LABELS.MOTORCYCLE).toBe('自動二輪車及び原動機付自転車');
    expect(ITEM_CATEGORY_LABELS.TICKET).toBe('金券類');
    expect(ItemCategory.safeParse('PHONE').success).toBe(false);
  });
});

describe('rule 1: total below ¥10,000 with no designated goods is exempt', () => {
  it.each([
    ['one item of 9,999', [line('CLOTHING', 9_999)]],
    ['3 × 3,333 = 9,999', [line('CLOTHING', 3_333, 'NONE', 3)]],
    ['two clothing lines totalling 9,999', [line('CLOTHING', 5_000), line('CLOTHING', 4_999)]],
    ['a free item', [line('CLOTHING', 0)]],
  ])('%s → verification and ledger not required', (_n, items) => {
    const a = intake(items);
    expect(a.total).toBe(items.reduce((s, i) => s + i.quantity * i.unitPrice, 0));
    expect(a.identityCheck.required).toBe(false);
    expect(a.ledgerEntry.required).toBe(false);
    expect(rules(a.identityCheck.reasons)).toContain(1);
  });
});

describe('rule 2: total of ¥10,000 or more always needs verification', () => {
  it.each([
    ['clothing at exactly 10,000', [line('CLOTHING', 10_000)]],
    ['2 × 5,000 (total, not unit price)', [line('CLOTHING', 5_000, 'NONE', 2)]],
    ['two lines 9,999 + 1', [line('WATCH_JEWELRY', 9_999), line('TOOL', 1)]],
    ['a camera at 250,000', [line('CAMERA', 250_000)]],
  ])('%s → required', (_n, items) => {
    const a = intake(items);
    expect(a.total).toBeGreaterThanOrEqual(10_000);
    expect(a.identityCheck.required).toBe(true);
    expect(a.ledgerEntry.required).toBe(true);
    expect(rules(a.identityCheck.reasons)).toContain(2);
  });
});

describe('rule 3: always-check goods at ¥500 need verification and a ledger entry', () => {
  it.each<[Cat, Des]>([
    ['MOTORCYCLE', 'MOTORCYCLE_BODY'],
    ['MOTORCYCLE', 'MOTORCYCLE_PART'],
    ['MACHINE_TOOL', 'AIRCON_OUTDOOR_UNIT'],
    ['MACHINE_TOOL', 'HEAT_PUMP'],
    ['TOOL', 'GAME_SOFTWARE'],
    ['TOOL', 'OPTICAL_DISC'],
    ['MACHINE_TOOL', 'ELECTRIC_WIRE'],
    ['TOOL', 'METAL_GRATING'],
    ['BOOK', 'BOOK'],
    ['BOOK', 'NONE'],
  ])('%s / %s → required', (category, designation) => {
    const a = intake([line(category, 500, designation)]);
    expect(a.identityCheck.required).toBe(true);
    expect(a.ledgerEntry.required).toBe(true);
    expect(rules(a.identityCheck.reasons)).toContain(3);
    expect(a.identityCheck.reasons.some((r) => r.article.startsWith('古物営業法施行規則16条2項'))).toBe(true);
    expect(a.issues).toEqual([]);
  });
  it('plain goods at ¥500 are not', () => {
    expect(intake([line('TOOL', 500)]).identityCheck.required).toBe(false);
  });
  it('cites the item number of the current list', () => {
    const a = intake([line('TOOL', 500, 'GAME_SOFTWARE')]);
    expect(a.identityCheck.reasons.map((r) => r.article)).toContain('古物営業法施行規則16条2項3号');
  });
});

describe('rule 4: generic motorcycle parts (bolts, nuts) are exempt below ¥10,000', () => {
  it.each<[Des, boolean]>([
    ['MOTORCYCLE_GENERIC_PART', false],
    ['MOTORCYCLE_PART', true],
  ])('%s at 500 → required=%s', (designation, required) => {
    const a = intake([line('MOTORCYCLE', 500, designation)]);
    expect(a.identityCheck.required).toBe(required);
    if (!required) expect(rules(a.identityCheck.reasons)).toContain(4);
  });
  it('a generic part at 10,000 is required by amount', () => {
    expect(intake([line('MOTORCYCLE', 10_000, 'MOTORCYCLE_GENERIC_PART')]).identityCheck.required).toBe(true);
  });
});

describe('rule 5: only metal gratings are designated', () => {
  it.each<[Des, boolean]>([
    ['CONCRETE_GRATING', false],
    ['METAL_GRATING', true],
  ])('%s at 3,000 → required=%s', (designation, required) => {
    const a = intake([line('TOOL', 3_000, designation)], 'purchase', '2025-10-01');
    expect(a.identityCheck.required).toBe(required);
    expect(rules(a.identityCheck.reasons)).toContain(required ? 3 : 5);
  });
});

describe('rule 6: electric wire is designated; LAN / charging cables are not', () => {
  it.each<[Des, boolean]>([
    ['EXCLUDED_CABLE', false],
    ['ELECTRIC_WIRE', true],
  ])('%s at 2,000 → required=%s', (designation, required) => {
    const a = intake([line('MACHINE_TOOL', 2_000, designation)]);
    expect(a.identityCheck.required).toBe(required);
    expect(a.ledgerEntry.required).toBe(required);
    if (!required) expect(rules(a.identityCheck.reasons)).toContain(6);
  });
});

describe('rule 7: precious metals are not designated', () => {
  it('gold jewellery at 8,000 → not required', () => {
    const a = intake([line('WATCH_JEWELRY', 8_000, 'PRECIOUS_METAL')]);
    expect(a.identityCheck.required).toBe(false);
    expect(rules(a.identityCheck.reasons)).toContain(7);
  });
  it('gold jewellery at 10,000 → required by amount', () => {
    expect(intake([line('WATCH_JEWELRY', 10_000, 'PRECIOUS_METAL')]).identityCheck.required).toBe(true);
  });
});

describe('rule 8: one designated item makes the whole small basket require verification', () => {
  it('clothes 4,000 + paperback 100 → required for the whole transaction', () => {
    const a = intake([line('CLOTHING', 4_000), line('BOOK', 100)]);
    expect(a.total).toBe(4_100);
    expect(a.identityCheck.required).toBe(true);
    expect(a.ledgerEntry.required).toBe(true);
    expect(rules(a.identityCheck.reasons)).toEqual(expect.arrayContaining([3, 8]));
    expect(a.lines.map((l) => l.alwaysCheck)).toEqual([false, true]);
  });
  it('clothes 4,000 + a concrete grating 100 → not required', () => {
    expect(intake([line('CLOTHING', 4_000), line('TOOL', 100, 'CONCRETE_GRATING')]).identityCheck.required).toBe(false);
  });
});

describe('rule 9: buying back from the original buyer is exempt', () => {
  const items = [line('MOTORCYCLE', 50_000, 'MOTORCYCLE_BODY')];
  it('same counterparty → not required, ledger keeps the link to the sale', () => {
    const a = assessIntake({ kind: 'purchase', date: D, items, buyback: { originalSaleId: 'sale_1', sameCounterparty: true } });
    expect(a.identityCheck.required).toBe(false);
    expect(a.ledgerEntry.required).toBe(false);
    expect(a.ledgerEntry.originalSaleId).toBe('sale_1');
    expect(rules(a.identityCheck.reasons)).toContain(9);
  });
  it.each([
    ['a different counterparty', 'purchase', false],
    ['an exchange (not 買受け)', 'exchange', true],
  ] as const)('%s → not exempt', (_n, kind, same) => {
    const a = assessIntake({ kind, date: D, items, buyback: { originalSaleId: 'sale_1', sameCounterparty: same } });
    expect(a.identityCheck.required).toBe(true);
    expect(a.ledgerEntry.originalSaleId).toBeNull();
    expect(rules(a.identityCheck.reasons)).toContain(9);
  });
  it('null buyback is an ordinary purchase', () => {
    expect(assessIntake({ kind: 'purchase', date: D, items, buyback: null }).identityCheck.required).toBe(true);
  });
});

describe('rule 10: exchange and consignment intakes are treated like purchases', () => {
  const baskets = [
    [line('CLOTHING', 10_000)],
    [line('CLOTHING', 9_999)],
    [line('CLOTHING', 4_000), line('BOOK', 100)],
    [line('TOOL', 500, 'EXCLUDED_CABLE')],
  ];
  it.each(['exchange', 'consignment'] as const)('%s gives the same answer as purchase', (kind) => {
    for (const items of baskets) {
      const p = intake(items, 'purchase');
      const k = intake(items, kind);
      expect(k.identityCheck.required).toBe(p.identityCheck.required);
      expect(k.ledgerEntry.required).toBe(p.ledgerEntry.required);
      expect(rules(k.identityCheck.reasons)).toContain(10);
    }
  });
  it('a consignment of 10,000 requires verification', () => {
    expect(intake([line('ART', 10_000)], 'consignment').identityCheck.required).toBe(true);
  });
});

describe('rule 11: selling never forces an identity check', () => {
  it.each([
    ['sale', [line('WATCH_JEWELRY', 500_000)]],
    ['sale', [line('BOOK', 100)]],
    ['consignment_return', [line('AUTOMOBILE', 1_000_000, 'AUTOMOBILE_BODY')]],
    ['return', [line('MOTORCYCLE', 5_000, 'MOTORCYCLE_BODY')]],
  ] as const)('%s → identityCheck.required false', (kind, items) => {
    const a = assessSale({ kind, date: D, items: [...items] });
    expect(a.identityCheck.required).toBe(false);
    expect(rules(a.identityCheck.reasons)).toEqual([11]);
  });
});

describe('rule 12: the always-check list is judged by the law on the transaction date', () => {
  it.each<[Des, string, string]>([
    ['AIRCON_OUTDOOR_UNIT', '2025-09-30', '2025-10-01'],
    ['HEAT_PUMP', '2025-09-30', '2025-10-01'],
    ['ELECTRIC_WIRE', '2025-09-30', '2025-10-01'],
    ['METAL_GRATING', '2025-09-30', '2025-10-01'],
    ['BOOK', '2011-03-31', '2011-04-01'],
    ['OPTICAL_DISC', '2011-03-31', '2011-04-01'],
  ])('%s at 5,000: %s → not required, %s → required', (designation, before, on) => {
    const category: Cat = designation === 'BOOK' ? 'BOOK' : 'TOOL';
    const b = intake([line(category, 5_000, designation)], 'purchase', before);
    expect(b.identityCheck.required).toBe(false);
    expect(rules(b.identityCheck.reasons)).toContain(12);
    const a = intake([line(category, 5_000, designation)], 'purchase', on);
    expect(a.identityCheck.required).toBe(true);
    expect(a.ledgerEntry.required).toBe(true);
  });
  it('motorcycles and game software were always designated', () => {
    expect(intake([line('MOTORCYCLE', 500, 'MOTORCYCLE_BODY')], 'purchase', '2005-06-01').identityCheck.required).toBe(true);
    expect(intake([line('TOOL', 500, 'GAME_SOFTWARE')], 'purchase', '2005-06-01').identityCheck.required).toBe(true);
  });
  it('the 2025 additions cite the new item numbers from 2025-10-01', () => {
    const a = intake([line('MACHINE_TOOL', 5_000, 'AIRCON_OUTDOOR_UNIT')], 'purchase', '2025-10-01');
    expect(a.identityCheck.reasons.map((r) => r.article)).toContain('古物営業法施行規則16条2項2号');
    expect(rules(a.identityCheck.reasons)).toEqual(expect.arrayContaining([3, 12]));
  });
});

describe('rule 3 (consistency): designations must fit the category', () => {
  it.each<[Cat, Des, boolean]>([
    ['MOTORCYCLE', 'NONE', true],
    ['BICYCLE', 'MOTORCYCLE_BODY', true],
    ['TOOL', 'BOOK', true],
    ['BOOK', 'OPTICAL_DISC', true],
    ['CLOTHING', 'AUTOMOBILE_BODY', true],
    ['MOTORCYCLE', 'MOTORCYCLE_GENERIC_PART', false],
    ['MACHINE_TOOL', 'AIRCON_OUTDOOR_UNIT', false],
    ['BOOK', 'NONE', false],
    ['AUTOMOBILE', 'NONE', false],
  ])('%s / %s → inconsistent=%s', (category, designation, bad) => {
    const issues = designationIssues([{ category: 'CLOTHING', designation: 'NONE' }, { category, designation }]);
    expect(issues.map((i) => i.path)).toEqual(bad ? ['items.1.designation'] : []);
  });
  it('a motorcycle with no designation is judged conservatively as a body', () => {
    const a = intake([line('MOTORCYCLE', 500)]);
    expect(a.identityCheck.required).toBe(true);
    expect(a.issues[0]).toMatchObject({ path: 'items.0.designation', code: 'designation_inconsistent' });
  });
});

describe('rule 26: car, watch/jewellery and art disposals of ¥10,000 or more are recorded', () => {
  it.each<[string, Cat, Des, number, boolean, boolean]>([
    ['car 10,000', 'AUTOMOBILE', 'AUTOMOBILE_BODY', 10_000, true, false],
    ['car part 15,000', 'AUTOMOBILE', 'AUTOMOBILE_PART', 15_000, true, false],
    ['car 9,999', 'AUTOMOBILE', 'AUTOMOBILE_BODY', 9_999, false, false],
    ['watch 10,000', 'WATCH_JEWELRY', 'NONE', 10_000, true, true],
    ['jewellery 9,999', 'WATCH_JEWELRY', 'PRECIOUS_METAL', 9_999, false, false],
    ['art 12,000', 'ART', 'NONE', 12_000, true, true],
    ['motorcycle part 10,000', 'MOTORCYCLE', 'MOTORCYCLE_PART', 10_000, true, true],
  ])('%s → ledger=%s, buyer details=%s', (_n, category, designation, price, ledger, buyer) => {
    const a = assessSale({ kind: 'sale', date: D, items: [line(category, price, designation)] });
    expect(a.ledgerEntry.required).toBe(ledger);
    expect(a.ledgerEntry.buyerDetailsRequired).toBe(buyer);
    expect(rules(a.ledgerEntry.reasons)).toContain(26);
  });
  it('a car and a watch together need the buyer details (for the watch line)', () => {
    const a = assessSale({ kind: 'sale', date: D, items: [line('AUTOMOBILE', 500_000, 'AUTOMOBILE_BODY'), line('WATCH_JEWELRY', 20_000)] });
    expect(a.lines).toEqual([
      { index: 0, ledgerRequired: true, buyerDetailsRequired: false },
      { index: 1, ledgerRequired: true, buyerDetailsRequired: true },
    ]);
    expect(a.ledgerEntry.buyerDetailsRequired).toBe(true);
  });
});

describe('rule 27: other disposals need no sale entry, except motorcycle bodies at any price', () => {
  it.each<[string, Cat, Des, number, boolean]>([
    ['book 100', 'BOOK', 'NONE', 100, false],
    ['book 50,000', 'BOOK', 'NONE', 50_000, false],
    ['clothing 80,000', 'CLOTHING', 'NONE', 80_000, false],
    ['motorcycle body 8,000', 'MOTORCYCLE', 'MOTORCYCLE_BODY', 8_000, true],
    ['motorcycle part 8,000', 'MOTORCYCLE', 'MOTORCYCLE_PART', 8_000, false],
    ['motorcycle bolt 8,000', 'MOTORCYCLE', 'MOTORCYCLE_GENERIC_PART', 8_000, false],
  ])('%s → ledger=%s', (_n, category, designation, price, ledger) => {
    const a = assessSale({ kind: 'sale', date: D, items: [line(category, price, designation)] });
    expect(a.ledgerEntry.required).toBe(ledger);
    if (ledger) expect(a.ledgerEntry.buyerDetailsRequired).toBe(true);
    expect(rules(a.ledgerEntry.reasons)).toContain(27);
  });
});
