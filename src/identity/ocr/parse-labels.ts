// Printed labels as regular expressions that tolerate tesseract's look-alike kanji misreads
// (TECH-NOTES: 令→信, 番→衝, 日→曰...). Each label char accepts its known look-alikes; labels of 4+
// chars also accept any one char after the first wrong, so `生年月曰` still anchors a value.

import { findJapaneseDates } from '../../shared/japanese.js';
import type { DocText, Span } from './parse-text.js';

const LOOKALIKE: Record<string, string> = {
  氏: '氏民己后氐兵', 二: '二ニ', 名: '名各石呂', 住: '住往佳注', 所: '所听斤戸', 生: '生主', 年: '年牛午',
  月: '月用肖', 日: '日曰目口白', 交: '交文父', 付: '付村什竹', 有: '有右宥', 効: '効劾动郊',
  期: '期朋', 限: '限眼根', 番: '番衝畨審香', 号: '号弓呂导', 保: '保呆俣', 険: '険陰検験',
  者: '者着老', 記: '記紀詑', 枝: '枝技', 個: '個固偶', 人: '人入八', 在: '在存', 留: '留溜',
  資: '資貸', 格: '格恪', 居: '居屈', 地: '地他池', 免: '免兔兎', 許: '許評詐', 証: '証註訨',
  被: '被彼披', 健: '健鍵建', 康: '康唐', 票: '票栗漂', 国: '国固囯', 籍: '籍藉', 別: '別刷列',
  性: '性姓', 満: '満滿', 了: '了子', 公: '公ム', 安: '安女', 委: '委季', 員: '員貝', 会: '会合',
  条: '条粂', 確: '確碓', 認: '認誌', 書: '書害', 写: '写与', 種: '種稗', 類: '類頬', 前: '前煎',
  本: '本木', 称: '称弥', 間: '間問', 域: '域城', 民: '民氏',
};

function charClass(c: string): string {
  const alts = LOOKALIKE[c] ?? c;
  return alts.length > 1 ? `[${alts}]` : alts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex source for a printed label; `fuzzy` (default for 4+ chars) allows one wrong char. */
export function labelSource(label: string, fuzzy = [...label].length >= 4): string {
  const chars = [...label];
  const exact = chars.map(charClass).join('');
  if (!fuzzy) return exact;
  // The first char stays strict: a wildcard there would read 交付年月日's `付年月日` as 生年月日.
  // Nor does a wildcard take the first char of an era: `生年月 平成12年` lost its 日, and reading
  // 平 as that 日 would leave `成12年`, no date.
  const variants = chars.slice(1).map((_, k) => chars.map((c, j) => (j === k + 1 ? '[^\\s\\d令平昭大明]' : charClass(c))).join(''));
  return `(?:${exact}|${variants.join('|')})`;
}

export function labelRe(...labels: string[]): RegExp {
  return new RegExp(labels.map((l) => labelSource(l)).join('|'), 'u');
}

// Labels shared by several documents. Longer labels come first inside each alternation.
export const L = {
  name: labelRe('氏名', '名前', '姓名'),
  /** The name label with its first char lost or garbled (small grey print): `名` opening a line. */
  nameLoose: /^[^\s\d]?名(?![称前義第\d])/u,
  kana: labelRe('フリガナ', 'ふりがな', 'カナ'),
  address: labelRe('住居地', '住所'),
  dob: labelRe('生年月日'),
  sex: labelRe('性別'),
  issue: labelRe('交付年月日', '交付日', '交付', '発行年月日'),
  expiry: labelRe('有効期限の満了日', '有効期限', '有効期間'),
  untilValid: /ま\s*で\s*[有右宥][効劾动郊]/u,
  nationality: labelRe('国籍・地域', '国籍', '地域'),
  // After a digit, only with a number after it: `8番号メゾン…` is an address's 8番4号 with the 4
  // lost, and taken for a label it cut the address short.
  number: new RegExp(`(?<![\\d０-９])(?:${labelSource('番号')})|(?:${labelSource('番号')})(?=[\\s:：第\\dA-Za-z０-９])`, 'u'),
} as const;

/** Matches any label in the list: used to end a value at the next label on the same line. */
export function stopRe(...res: RegExp[]): RegExp {
  return new RegExp(res.map((r) => `(?:${r.source})`).join('|'), 'u');
}

/** Same-length replacements of misread era names, so date parsing still works (令和 read 信和). */
export function fixEras(s: string): string {
  return s
    .replace(/[信今合冷][和私]|令[私利]/gu, '令和')
    // Any other kanji before 和 + year: a birth (…生) with a year over 8 is 昭和 (令和 9 is 2027),
    // anything else (issue, expiry) 令和.
    .replace(/[^\s\d令昭平明大]和(?=\s*(\d{1,2}|元)\s*年)/gu, (_m, year: string, at: number) => {
      const born = /^[^生\n]{0,14}日\s*生/u.test(s.slice(at + 2));
      return born && Number(year) > 8 ? '昭和' : '令和';
    })
    .replace(/[乎半]成|平[戒戌戊城]/gu, '平成')
    .replace(/[照略]和|昭[利私]/gu, '昭和')
    .replace(/(\d)[曰目口晶昌]/gu, '$1日')
    .replace(/(\d)[牛午]/gu, '$1年')
    // 元年 (the first year of an era) with 年 garbled, where a month follows: `平成元征7月`.
    .replace(/(?<=[令平昭]\S元)[^\s\d年](?=\s*\d{1,2}\s*月)/gu, '年')
    // A stray mark between a number and 年/月/日 (`60人年`, `5.月`) becomes a space, which the date
    // pattern allows.
    .replace(/(?<=\d)[人入・.,'‘’ー一*:;](?=[年月日])|(?<=[年月])[人入・.,'‘’ー一*:;](?=\d)/gu, ' ');
}

/** Same-length mapping of letters tesseract confuses with digits, for numeric-only fields. */
export function digitsFrom(s: string): string {
  return s.replace(/[OoDQ〇]/g, '0').replace(/[Il|!ijJ]/g, '1').replace(/[Zz]/g, '2').replace(/[Ss]/g, '5')
    .replace(/[B]/g, '8').replace(/[G]/g, '6').replace(/[T]/g, '7').replace(/[A]/g, '4');
}

export interface FoundDate {
  iso: string;
  span: Span;
}

/** Dates on one line at or after `from` (era or Western), look-alike eras repaired first. */
export function datesOnLine(doc: DocText, line: number, from = 0, to?: number): FoundDate[] {
  const text = doc.lines[line]?.text ?? '';
  const fixed = fixEras(text);
  return findJapaneseDates(fixed.slice(0, to ?? fixed.length))
    .filter((d) => d.index >= from)
    .map((d) => ({ iso: d.iso, span: { line, start: d.index, end: d.index + d.length } }));
}

/**
 * The first date after a label on its line; else a date printed just before it (`令和 5年 6月 7日交付`);
 * else the first date on the following line(s).
 */
export function dateAfter(doc: DocText, label: Span, maxLines = 1): FoundDate | null {
  const same = datesOnLine(doc, label.line, label.end)[0];
  if (same) return same;
  const before = datesOnLine(doc, label.line, 0, label.start).at(-1);
  if (before && label.start - before.span.end <= 1) return before;
  // A row the OCR split in two inside the era (`生年月日 昭` | `和54年3月4日`): the next line alone
  // reads no date (和 could be 昭和 or 令和), the two joined do.
  const tail = (doc.lines[label.line]?.text ?? '').slice(label.end).replace(/^[\s:：]+/u, '');
  const next = doc.lines[label.line + 1];
  if (next && tail.length === 1 && /\p{sc=Han}/u.test(tail)) {
    const joined = findJapaneseDates(fixEras(tail + next.text))[0];
    if (joined?.index === 0) return { iso: joined.iso, span: { line: label.line + 1, start: 0, end: joined.length - 1 } };
  }
  for (let l = label.line + 1; l <= label.line + maxLines && l < doc.lines.length; l++) {
    const d = datesOnLine(doc, l)[0];
    if (d) return d;
  }
  return null;
}

/** Sex printed as 男/女 (or M/F) after the 性別 label or next to it. */
export function sexAfter(doc: DocText, label: Span): { value: 'M' | 'F'; span: Span } | null {
  const text = doc.lines[label.line]?.text ?? '';
  const m = /^[\s:：]*(?:(男|M(?![A-Z]))|(女|F(?![A-Z])))/u.exec(text.slice(label.end));
  if (!m) return null;
  const start = label.end + (m.index + m[0].length - (m[1] ?? m[2] ?? '').length);
  return { value: m[1] ? 'M' : 'F', span: { line: label.line, start, end: start + 1 } };
}

export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];

/** Prefecture + municipality (市/区/町/村/郡): the shape of a Japanese address. */
export const ADDRESS_SHAPE = new RegExp(
  `(?:${PREFECTURES.join('|')})[^\\s]{1,8}?[市区町村郡]|[^\\s]{1,5}市[^\\s]{1,5}区`,
  'u',
);
