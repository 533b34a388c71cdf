// Japanese driver's licence number (運転免許証番号), DOMAIN §5.1 and rule 54.
// 12 digits: 1–2 公安委員会 code of first issue, 3–4 year of first licence (last two digits),
// 5–10 serial, 11 check digit, 12 reissue count.

import { normalizeIdentifier } from '../../shared/japanese.js';

/** Public safety commission codes (DOMAIN §5.1 prefecture code table). */
export const LICENCE_COMMISSIONS: Readonly<Record<string, string>> = {
  '10': '札幌', '11': '函館', '12': '旭川', '13': '釧路', '14': '北見',
  '20': '青森', '21': '岩手', '22': '宮城', '23': '秋田', '24': '山形', '25': '福島',
  '30': '東京',
  '40': '茨城', '41': '栃木', '42': '群馬', '43': '埼玉', '44': '千葉', '45': '神奈川', '46': '新潟',
  '47': '山梨', '48': '長野', '49': '静岡',
  '50': '富山', '51': '石川', '52': '福井', '53': '岐阜', '54': '愛知', '55': '三重',
  '60': '滋賀', '61': '京都', '62': '大阪', '63': '兵庫', '64': '奈良', '65': '和歌山',
  '70': '鳥取', '71': '島根', '72': '岡山', '73': '広島', '74': '山口',
  '80': '徳島', '81': '香川', '82': '愛媛', '83': '高知',
  '90': '福岡', '91': '佐賀', '92': '長崎', '93': '熊本', '94': '大分', '95': '宮崎', '96': '鹿児島',
  '97': '沖縄',
};

export const LICENCE_CHECK_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * The de-facto (UNOFFICIAL, DOMAIN §5.1 [NOT FOUND official]) check digit over digits 1–10:
 * (11 − Σ dᵢ·wᵢ mod 11) mod 10. `3090123456` → 2.
 */
export function licenceCheckDigit(first10: string): number {
  if (!/^\d{10}$/.test(first10)) throw new RangeError('licenceCheckDigit expects exactly 10 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * LICENCE_CHECK_WEIGHTS[i]!;
  return (11 - (sum % 11)) % 10;
}

export type LicenceError = 'not_12_digits' | 'unknown_commission_code';
export type LicenceWarning = 'check_digit_mismatch';

export interface LicenceNumberResult {
  /** Format is acceptable: 12 digits and a known commission code. Check digit never affects this. */
  ok: boolean;
  normalized: string;
  errors: LicenceError[];
  warnings: LicenceWarning[];
  commissionCode: string | null;
  commissionName: string | null;
  firstLicenceYear2: string | null;
  reissueCount: number | null;
}

/**
 * Validates a licence number as read from the card or typed. 第…号 around the number (as printed on
 * the card face) is tolerated. Rule 54: a check-digit mismatch is a WARNING only (the formula is
 * unofficial; it flags a possible OCR misread), never a hard reject.
 */
export function validateLicenceNumber(s: string): LicenceNumberResult {
  const normalized = normalizeIdentifier(s).replace(/^第/u, '').replace(/号$/u, '');
  const result: LicenceNumberResult = {
    ok: false,
    normalized,
    errors: [],
    warnings: [],
    commissionCode: null,
    commissionName: null,
    firstLicenceYear2: null,
    reissueCount: null,
  };
  if (!/^\d{12}$/.test(normalized)) {
    result.errors.push('not_12_digits');
    return result;
  }
  const code = normalized.slice(0, 2);
  result.commissionCode = code;
  result.commissionName = LICENCE_COMMISSIONS[code] ?? null;
  result.firstLicenceYear2 = normalized.slice(2, 4);
  result.reissueCount = Number(normalized[11]);
  if (result.commissionName === null) result.errors.push('unknown_commission_code');
  if (licenceCheckDigit(normalized.slice(0, 10)) !== Number(normalized[10])) {
    result.warnings.push('check_digit_mismatch');
  }
  result.ok = result.errors.length === 0;
  return result;
}
