// Request bodies for trade-in flows, with overrides. Values are synthetic.
export const licenceHolder = {
  name: '山田 太郎',
  kanaName: 'ヤマダ タロウ',
  address: '東京都千代田区神田須田町1-2-3',
  occupation: '会社員',
  dateOfBirth: '1985-04-12',
};

/** A fixed "now" two days after the factory's trade-ins (2026-11-20), for tests that would
 *  otherwise run against the machine's clock: one behind that date refuses them as in the future. */
export const factoryClock = { now: () => new Date('2026-11-22T03:00:00Z') };

export function purchaseBody(storeId: string, overrides: Record<string, unknown> = {}) {
  return {
    storeId,
    kind: 'purchase',
    channel: 'in_person',
    occurredAt: '2026-11-20T10:00:00+09:00',
    counterparty: licenceHolder,
    items: [
      { category: 'MACHINE_TOOL', description: 'スマートフォン iPhone 13', quantity: 1, unitPrice: 45000, isPhone: true, features: { brand: 'Apple', model: 'iPhone 13', colour: '青', imei: '356938035643809', condition: '良' } },
      { category: 'CLOTHING', description: 'ジャケット', quantity: 1, unitPrice: 3000, features: { brand: 'UNIQLO', colour: '黒' } },
    ],
    ...overrides,
  };
}

export const licenceCheck = {
  method: 'ACT15_1_1',
  documents: [{ type: 'DRIVERS_LICENSE', expiryDate: '2028-05-12' }],
};
