// Whole documents lying in a photo, recognised by the words printed on them, flagged never to
// publish (DOMAIN rule 60): a 自動車検査証 or its 記録事項 sheet, a driver's licence, a My Number
// card, a residence card, an insurance card, a passport, a 住民票. One strong keyword (the
// document's title) or two supporting ones; the region is the block of text lines around them,
// padded by a line height or two for the card's edges.
import { labelRe } from '../../identity/ocr/parse-labels.js';
import type { DocText } from '../../identity/ocr/parse-text.js';
import type { Proposal } from '../regions/kinds.js';
import { lineBlocks, medianLineHeight } from './line-blocks.js';
import { padded } from './text-spans.js';

interface DocRule {
  kind: 'vehicle_document' | 'id_document';
  strong: RegExp;
  weak: RegExp[];
}

const RULES: DocRule[] = [
  {
    kind: 'vehicle_document',
    strong: labelRe('自動車検査証記録事項', '自動車検査証', '軽自動車届出済証', '登録事項等証明書'),
    weak: [labelRe('車台番号'), labelRe('型式指定番号'), labelRe('類別区分番号'), labelRe('使用の本拠の位置'), labelRe('有効期間の満了する日'), labelRe('自動車登録番号'), labelRe('初度登録年月'), labelRe('原動機の型式'), labelRe('所有者の氏名')],
  },
  {
    kind: 'id_document',
    strong: new RegExp(`${labelRe('運転免許証', '個人番号カード', 'マイナンバーカード', '在留カード', '被保険者証', '資格確認書', '住民票').source}|PASSPORT|旅券`, 'iu'),
    weak: [labelRe('公安委員会'), labelRe('生年月日'), labelRe('免許の条件'), labelRe('在留資格'), labelRe('有効期限'), labelRe('交付'), /NATIONALITY|DATE OF BIRTH/iu],
  },
];

export function documentProposals(doc: DocText): Proposal[] {
  const out: Proposal[] = [];
  for (const block of lineBlocks(doc)) {
    const text = block.lines.map((l) => doc.lines[l]!.text).join('\n');
    for (const rule of RULES) {
      const strong = rule.strong.test(text);
      const weak = rule.weak.filter((re) => re.test(text)).length;
      if (!strong && weak < 2) continue;
      const lh = medianLineHeight(doc, block.lines);
      out.push({ kind: rule.kind, detector: 'document_keywords', rect: padded(block.bbox, 1.5 * lh), confidence: strong ? 0.9 : 0.6, neverPublish: true });
      break;
    }
  }
  return out;
}
