import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  compareIso,
  findJapaneseDates,
  isIsoDate,
  normalizeIdentifier,
  normalizeKana,
  normalizeName,
  normalizeText,
  parseJapaneseDate,
  tokyoDate,
} from '../../src/shared/japanese.js';

describe('parseJapaneseDate: era table', () => {
  it.each([
    ['明治元年1月25日', '1868-01-25'],
    ['明治45年7月29日', '1912-07-29'],
    ['大正元年7月30日', '1912-07-30'],
    ['大正15年12月24日', '1926-12-24'],
    ['昭和元年12月25日', '1926-12-25'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['平成31年4月30日', '2019-04-30'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和3年4月5日', '2021-04-05'],
    ['令和08年12月31日', '2026-12-31'],
    ['令和6年2月29日', '2024-02-29'],
  ])('%s → %s', (input, iso) => {
    expect(parseJapaneseDate(input)).toBe(iso);
  });

  it.each([
    ['昭和64年1月8日', 'after the end of 昭和'],
    ['平成31年5月1日', 'after the end of 平成'],
    ['令和元年4月30日', 'before the start of 令和'],
    ['平成元年1月7日', 'before the start of 平成'],
    ['明治45年7月30日', 'after the end of 明治'],
    ['大正元年7月29日', 'before the start of 大正'],
    ['明治元年1月24日', 'before 明治 as treated here'],
    ['令和0年5月1日', 'era year 0'],
    ['令和3年2月30日', 'impossible day'],
    ['令和7年2月29日', 'no 29 Feb in 2025'],
    ['令和3年13月1日', 'month 13'],
    ['2021/02/30', 'impossible Western date'],
    ['', 'empty'],
    ['令和3年', 'year only'],
    ['2021/4/5abc', 'trailing text'],
  ])('%s → null (%s)', (input) => {
    expect(parseJapaneseDate(input)).toBeNull();
  });
});

describe('parseJapaneseDate: other spellings', () => {
  it.each([
    ['R3.4.5', '2021-04-05'],
    ['H31.04.30', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['R03/04/05', '2021-04-05'],
    ['r3/4/5', '2021-04-05'],
    ['2030年(令和12年)01月02日', '2030-01-02'],
    ['２０３０年（令和１２年）０１月０２日', '2030-01-02'],
    ['T15.12.24', '1926-12-24'],
    ['M45.7.29', '1912-07-29'],
    ['2021年4月5日', '2021-04-05'],
    ['2021/4/5', '2021-04-05'],
    ['2021-04-05', '2021-04-05'],
    ['2021.04.05', '2021-04-05'],
    ['令和３年４月５日', '2021-04-05'],
    ['２０２１／０４／０５', '2021-04-05'],
    ['令 和 3 年 4 月 5 日', '2021-04-05'],
    ['  平成 元 年 1 月 8 日  ', '1989-01-08'],
    ['2 0 2 1 年 1 2 月 3 1 日', '2021-12-31'],
    ['㍻31年4月30日', '2019-04-30'],
  ])('%s → %s', (input, iso) => {
    expect(parseJapaneseDate(input)).toBe(iso);
  });

  it('rejects abbreviated dates outside the era', () => {
    expect(parseJapaneseDate('H31.5.1')).toBeNull();
    expect(parseJapaneseDate('S64.1.8')).toBeNull();
    expect(parseJapaneseDate('X3.4.5')).toBeNull();
    // Initial + hyphens reads like a part number, not a date.
    expect(parseJapaneseDate('S12-3-4')).toBeNull();
    // The bracketed era year on a licence must agree with the Western year.
    expect(parseJapaneseDate('2030年(令和11年)01月02日')).toBeNull();
  });
});

describe('findJapaneseDates', () => {
  it('finds every valid date in an OCR line with original offsets', () => {
    const line = '生年月日 昭和 50年 1月 2日生 有効期限 令和０９年１２月０７日まで 2021/4/5';
    const found = findJapaneseDates(line);
    expect(found.map((f) => f.iso)).toEqual(['1975-01-02', '2027-12-07', '2021-04-05']);
    expect(found.map((f) => line.slice(f.index, f.index + f.length))).toEqual([
      '昭和 50年 1月 2日',
      '令和０９年１２月０７日',
      '2021/4/5',
    ]);
  });

  it('reads the licence expiry band (Western year with era year in brackets)', () => {
    const line = '2030年(令和12年)01月02日まで有効';
    const [found, ...rest] = findJapaneseDates(line);
    expect(rest).toEqual([]);
    expect(found!.iso).toBe('2030-01-02');
    expect(line.slice(found!.index, found!.index + found!.length)).toBe('2030年(令和12年)01月02日');
  });

  it('skips invalid dates and digits embedded in longer numbers', () => {
    expect(findJapaneseDates('平成31年5月1日 and 12021/4/5')).toEqual([]);
    expect(findJapaneseDates('no dates here')).toEqual([]);
    expect(findJapaneseDates('part S12-3-4 model')).toEqual([]);
  });
});

describe('ageOn (DOMAIN rules 39, 40)', () => {
  it('counts the 18th birthday itself', () => {
    expect(ageOn('2008-11-22', '2026-11-21')).toBe(17);
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2008-11-22', '2026-11-23')).toBe(18);
  });

  it('ages a 29 Feb birth on 1 Mar in non-leap years, on 29 Feb in leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-28')).toBe(19);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('rejects non-ISO input', () => {
    expect(() => ageOn('2008/11/22', '2026-11-22')).toThrow(RangeError);
  });
});

describe('ISO date arithmetic', () => {
  it('addMonths clamps to the end of the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('addYears maps 29 Feb to 28 Feb', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-04-01', 3)).toBe('2029-04-01');
  });

  it('addDays crosses months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', 30)).toBe('2026-01-31');
  });

  it('compareIso and isIsoDate', () => {
    expect(compareIso('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareIso('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareIso('2026-01-10', '2026-01-10')).toBe(0);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-28')).toBe(false);
    expect(isIsoDate('2025-02-28T00:00:00Z')).toBe(false);
  });
});

describe('tokyoDate', () => {
  it('uses the Tokyo calendar date, not UTC', () => {
    expect(tokyoDate(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(tokyoDate(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
  });
  it('agrees with the tz database hour by hour across years, and honours the 1950 summer time', () => {
    const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(1951, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 7 * 86_400_000 + 3_600_000) {
      expect(tokyoDate(new Date(ms))).toBe(tz.format(new Date(ms)));
    }
    // Under the 1950 summer time (UTC+10) 14:30Z is already 00:30 the next day; a fixed +9 says 23:30.
    expect(tokyoDate(new Date('1950-07-01T14:30:00Z'))).toBe('1950-07-02');
  });
});

describe('normalizers', () => {
  it('normalizeText removes OCR spaces around CJK but keeps Latin word spacing', () => {
    expect(normalizeText('令 和 3 年')).toBe('令和3年');
    expect(normalizeText('  東京都　港区  芝公園 ')).toBe('東京都港区芝公園');
    expect(normalizeText('ＡＢＣ　Ｔｏｗｅｒ  101')).toBe('ABC Tower 101');
    expect(normalizeText('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダタロウ');
    expect(normalizeText('iPhone 13 を 買取')).toBe('iPhone 13を買取');
  });

  it('normalizeIdentifier strips spaces and dash variants and upper-cases', () => {
    expect(normalizeIdentifier('ｊｚａ８０－１００４９５６')).toBe('JZA801004956');
    expect(normalizeIdentifier('35‐209900–176148—1')).toBe('352099001761481');
    expect(normalizeIdentifier('zvw30ー1234567')).toBe('ZVW301234567');
    expect(normalizeIdentifier('ab 1234 5678 cd')).toBe('AB12345678CD');
    // ー between kana is a real letter, not a hyphen
    expect(normalizeIdentifier('コーヒー')).toBe('コーヒー');
  });

  it('normalizeName ignores spacing, U+3000 and middle dots', () => {
    expect(normalizeName('山田　太郎')).toBe(normalizeName('山田太郎'));
    expect(normalizeName('スミス・ジョン')).toBe('スミスジョン');
    expect(normalizeName('ｽﾐｽ･ｼﾞｮﾝ')).toBe('スミスジョン');
    expect(normalizeName('John Smith')).toBe('JOHNSMITH');
    expect(normalizeName('山田太郎')).not.toBe(normalizeName('山田次郎'));
  });

  it('normalizeKana matches bank-style half-width names to declared furigana (rule 19)', () => {
    expect(normalizeKana('やまだ　きょうこ')).toBe(normalizeKana('ﾔﾏﾀﾞ ｷﾖｳｺ'));
    expect(normalizeKana('やまだ　きょうこ')).toBe('ヤマダキヨウコ');
    expect(normalizeKana('はっとり')).toBe(normalizeKana('ﾊﾂﾄﾘ'));
    expect(normalizeKana('コーヒー')).toBe(normalizeKana('ｺ-ﾋ-'));
    expect(normalizeKana('ヴァン・ダム')).toBe('ヴアンダム');
    expect(normalizeKana('やまだ')).not.toBe(normalizeKana('やまた'));
  });
});
