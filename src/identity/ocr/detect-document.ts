// Which document is this, and which side? Keyword scores over the normalised OCR text, each keyword
// matched with look-alike tolerance (parse-labels.ts), so one misread kanji does not lose the type.
// A client's hint wins unless the content contradicts it strongly; the My Number BACK is decided
// by content alone (a 12-digit number passing the check digit or the 個人番号 label), so a hint of
// "front" can never carry a back side past the refusal of 番号法 / rule 47.

import { findMyNumbers } from '../validators/my-number.js';
import type { DocumentSide, DocumentType, Warning } from './fields.js';
import { labelRe } from './parse-labels.js';
import { type DocText, docFromText, fullText } from './parse-text.js';

export interface Detection {
  type: DocumentType;
  side: DocumentSide;
  /** 0-1. */
  confidence: number;
  evidence: string[];
  warnings: Warning[];
}

export interface DocumentHint {
  type?: DocumentType;
  side?: DocumentSide;
}

type Scored = Exclude<DocumentType, 'UNKNOWN'>;
interface Keyword {
  type: Scored;
  re: RegExp;
  weight: number;
  name: string;
}

const kw = (type: Scored, weight: number, ...labels: string[]): Keyword => ({
  type,
  weight,
  re: labelRe(...labels),
  name: labels[0] ?? '',
});

const KEYWORDS: Keyword[] = [
  kw('DRIVERS_LICENSE', 4, '運転免許証'),
  kw('DRIVERS_LICENSE', 3, '公安委員会'),
  kw('DRIVERS_LICENSE', 2, '免許の条件'),
  kw('DRIVERS_LICENSE', 2, '二・小・原', '二小原'),
  kw('DRIVERS_LICENSE', 1, '優良'),
  kw('MY_NUMBER_CARD', 5, '個人番号カード'),
  kw('MY_NUMBER_CARD', 1, '電子証明書'),
  kw('MY_NUMBER_CARD', 4, '号カード'),
  kw('MY_NUMBER_CARD', 2, '臓器提供'),
  kw('MY_NUMBER_CARD', 1, '追記欄'),
  kw('RESIDENCE_CARD', 5, '在留カード'),
  kw('RESIDENCE_CARD', 3, '在留資格'),
  kw('RESIDENCE_CARD', 2, '在留期間'),
  kw('RESIDENCE_CARD', 2, '就労制限'),
  kw('RESIDENCE_CARD', 1, '住居地'),
  kw('RESIDENCE_CARD', 1, '法務大臣'),
  kw('RESIDENCE_CARD', 1, '国籍・地域'),
  kw('HEALTH_INSURANCE_CARD', 3, '健康保険'),
  kw('HEALTH_INSURANCE_CARD', 3, '被保険者'),
  kw('HEALTH_INSURANCE_CARD', 3, '保険者番号'),
  kw('HEALTH_INSURANCE_CARD', 2, '保険者名称'),
  kw('HEALTH_INSURANCE_CARD', 2, '被扶養者'),
  kw('HEALTH_INSURANCE_CARD', 1, '資格取得'),
  kw('QUALIFICATION_CERTIFICATE', 8, '資格確認書'),
  kw('RESIDENT_RECORD', 5, '住民票'),
  kw('RESIDENT_RECORD', 3, '世帯主'),
  kw('RESIDENT_RECORD', 2, '住民となった'),
  kw('RESIDENT_RECORD', 2, '相違ない'),
  kw('RESIDENT_RECORD', 1, '証明する'),
  kw('PASSPORT', 2, 'PASSPORT', '旅券'),
  kw('PASSPORT', 2, 'Surname', 'Given name'),
  kw('PASSPORT', 1, 'Date of expiry', '有効期間満了日'),
  kw('PASSPORT', 1, 'FOREIGN AFFAIRS', 'Authority'),
];

// The 個人番号 label NOT followed by カード is the back of the card (or a 住民票 printing it).
const MY_NUMBER_LABEL = /[個固偶][人入八][番衝畨審][号弓呂](?![カヵ力][ー\-一]?[ドト])/u;
// Tesseract's jpn model reads the MRZ filler `<` as く or «, so accept those in the MRZ shape.
const MRZ_LINE = /^[A-Z0-9<くぐ«]{28,46}$/u;

export function hasMrz(doc: DocText): boolean {
  return doc.lines.some((l) => {
    const t = l.text.replace(/\s+/g, '');
    return MRZ_LINE.test(t) && /(?:<|く|«){2}/u.test(t);
  });
}

function scoreAll(doc: DocText): { scores: Map<Scored, number>; evidence: Map<Scored, string[]>; back: string[] } {
  const text = fullText(doc);
  const scores = new Map<Scored, number>();
  const evidence = new Map<Scored, string[]>();
  const add = (t: Scored, w: number, why: string) => {
    scores.set(t, (scores.get(t) ?? 0) + w);
    evidence.set(t, [...(evidence.get(t) ?? []), why]);
  };
  for (const k of KEYWORDS) if (k.re.test(text)) add(k.type, k.weight, k.name);
  if (hasMrz(doc)) add('PASSPORT', 6, 'MRZ');
  // The data page's shapes, for when its labels and MRZ were lost: a Japanese passport number
  // (2 letters + 7 digits, not the residence card's 2 + 8 + 2) and dates as `03 SEP 1943`.
  if (/(?<![A-Z0-9])[A-Z]{2}\d{7}(?![\dA-Z])/u.test(text)) add('PASSPORT', 1, 'passport number shape');
  // The day may be lost (`0s JUN 1977`): a month's English abbreviation and a year are enough.
  if (/(?<![A-Z])(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s*\d{4}/iu.test(text)) add('PASSPORT', 1, 'DD MON YYYY date');
  if (/[第弟][\dOIl|\s]{12,20}[号弓]/u.test(text)) add('DRIVERS_LICENSE', 3, '第…号');
  // Era date + まで有効 is the licence band (the My Number card prints a Western year there).
  if (/(?:[令平昭][和成]|[信今合]和)\s*[\d元]{1,2}\s*年[^\n]{0,12}ま\s*で\s*[有右]/u.test(text)) add('DRIVERS_LICENSE', 1, 'era date まで有効');
  // A Western year + まで有効 is the My Number card's validity line (licences print an era).
  if (/\d{4}\s*年[^\n]{0,12}ま\s*で\s*[有右]/u.test(text)) add('MY_NUMBER_CARD', 1, 'Western date まで有効');
  if (/普通|準中型|大特|普自二|大自二|原付|小特/u.test(text) && /[種稗][類頬]/u.test(text)) add('DRIVERS_LICENSE', 2, '種類');
  if (/[A-Z]{2}\s?\d{8}\s?[A-Z]{2}/u.test(text)) add('RESIDENCE_CARD', 2, 'residence-card number');
  // Back-side signals of the My Number card. They add to its score but a 住民票 outweighs them.
  const back: string[] = [];
  if (MY_NUMBER_LABEL.test(text)) back.push('個人番号 label');
  // Also with tesseract's one-word-per-digit spacing collapsed (`1 2 3 4 …`).
  const flat = text.replace(/\n/g, ' ');
  if (findMyNumbers(flat).length || findMyNumbers(flat.replace(/(?<=\d) (?=\d)/g, '')).length) {
    back.push('12-digit number passing the My Number check digit');
  }
  if (back.length) add('MY_NUMBER_CARD', 3 * back.length, back.join(', '));
  return { scores, evidence, back };
}

function sideOf(type: DocumentType, back: string[], doc: DocText): DocumentSide {
  if (type === 'MY_NUMBER_CARD') return back.length ? 'back' : 'front';
  if (type === 'RESIDENCE_CARD' && /(住居地記載欄|許可申請欄)/u.test(fullText(doc))) return 'back';
  if (type === 'HEALTH_INSURANCE_CARD' || type === 'QUALIFICATION_CERTIFICATE') return 'unknown';
  return type === 'UNKNOWN' ? 'unknown' : 'front';
}

const MIN_SCORE = 3;

export function detectDocument(input: DocText | string, hint: DocumentHint = {}): Detection {
  const doc = typeof input === 'string' ? docFromText(input) : input;
  const { scores, evidence, back } = scoreAll(doc);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  // 資格確認書 carries every insurance keyword too: when its title is read it is the certificate.
  if (scores.has('QUALIFICATION_CERTIFICATE')) ranked.sort((a, b) => (a[0] === 'QUALIFICATION_CERTIFICATE' ? -1 : b[0] === 'QUALIFICATION_CERTIFICATE' ? 1 : 0));
  const [best, second] = ranked;
  const warnings: Warning[] = [];
  let type: DocumentType = best && best[1] >= MIN_SCORE ? best[0] : 'UNKNOWN';
  const bestScore = best?.[1] ?? 0;
  let confidence = type === 'UNKNOWN' ? 0 : Math.min(1, bestScore / 8) * (1 - (second?.[1] ?? 0) / (bestScore + 1) / 2);

  if (hint.type && hint.type !== 'UNKNOWN' && hint.type !== type) {
    const hintScore = scores.get(hint.type as Scored) ?? 0;
    // Strong contradiction: the content clearly shows another document and nothing of the hinted one.
    if (type !== 'UNKNOWN' && bestScore >= 6 && hintScore <= 1) {
      warnings.push({ code: 'type_hint_contradicted', message: `The image looks like ${type}, not the ${hint.type} indicated.` });
    } else {
      if (type !== 'UNKNOWN') warnings.push({ code: 'type_hint_weakly_contradicted', message: `The content also resembles ${type}; using the indicated ${hint.type}.` });
      type = hint.type;
      confidence = Math.max(confidence, 0.5);
    }
  }
  let side = sideOf(type, back, doc);
  if (hint.side && hint.side !== side && type !== 'MY_NUMBER_CARD' && side === 'unknown') side = hint.side;
  if (type === 'MY_NUMBER_CARD' && hint.side === 'front' && side === 'back') {
    warnings.push({ code: 'side_hint_contradicted', message: 'The image shows the back of a My Number card.' });
  }
  return { type, side, confidence: Math.round(confidence * 100) / 100, evidence: type === 'UNKNOWN' ? [] : evidence.get(type as Scored) ?? [], warnings };
}
