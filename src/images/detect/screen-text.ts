// Text-heavy areas on device photos: a phone's lock screen with notifications, a settings page, a
// chat. On a device photo, a block of 3+ OCR lines read with reasonable confidence is proposed as
// screen_text; with notification wording it is flagged never to publish (DOMAIN rule 60), since a
// notification list names people and says what they wrote.
import type { DocText } from '../../identity/ocr/parse-text.js';
import type { Proposal } from '../regions/kinds.js';
import { lineBlocks, medianLineHeight } from './line-blocks.js';
import { padded } from './text-spans.js';

const NOTIFICATION = /通知|新着|不在着信|着信|メッセージ|件の|既読|notification|new message|missed call|unread/iu;
const MIN_LINES = 3;
const MIN_CHARS = 15;
const MIN_CONFIDENCE = 50;

export function screenTextProposals(doc: DocText): Proposal[] {
  const out: Proposal[] = [];
  for (const block of lineBlocks(doc)) {
    if (block.lines.length < MIN_LINES) continue;
    const lines = block.lines.map((l) => doc.lines[l]!);
    const chars = lines.reduce((a, l) => a + l.text.replace(/\s/g, '').length, 0);
    const words = lines.flatMap((l) => l.words);
    const conf = words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, words.length);
    if (chars < MIN_CHARS || conf < MIN_CONFIDENCE) continue;
    const text = lines.map((l) => l.text).join('\n');
    out.push({ kind: 'screen_text', detector: 'screen_text', rect: padded(block.bbox, medianLineHeight(doc, block.lines)), confidence: conf / 100, neverPublish: NOTIFICATION.test(text) });
  }
  return out;
}
