// Confidence-driven line re-reads (src/identity/ocr/reread.ts) and the address clean-up they feed:
// which lines get a second look, when a re-read replaces a line, and the general OCR repairs of
// addresses (kana look-alikes inside kanji, the room-number suffix, specks after it).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrResult } from '../../src/identity/ocr/engine.js';
import { FakeOcrEngine } from '../../src/identity/ocr/fake-engine.js';
import { field, fieldSpans } from '../../src/identity/ocr/fields.js';
import { cleanAddress, fixKanaInKanji } from '../../src/identity/ocr/parse-common.js';
import { parseDriversLicence } from '../../src/identity/ocr/parse-drivers-licence.js';
import { docFromText } from '../../src/identity/ocr/parse-text.js';
import { decode } from '../../src/identity/ocr/pixels.js';
import { rereadLines, rereadTargets, skewDegrees } from '../../src/identity/ocr/reread.js';
import { chooseByShape } from '../../src/identity/ocr/reread-shape.js';
import { fitShape } from '../../src/identity/ocr/char-shape.js';
import { repairResidenceNumber } from '../../src/identity/ocr/parse-residence-card.js';

const oneLine = (text: string, confidence: number): Partial<OcrResult> => ({
  text,
  confidence,
  lines: [{ text, confidence, bbox: { x0: 0, y0: 0, x1: 400, y1: 40 }, words: [...text].map((c, i) => ({ text: c, confidence, bbox: { x0: i * 30, y0: 0, x1: i * 30 + 28, y1: 40 } })) }],
});

const blank = async () => decode(await sharp({ create: { width: 600, height: 300, channels: 3, background: '#fff' } }).png().toBuffer());

describe('address repairs', () => {
  it('reads katakana look-alikes inside kanji as the kanji', () => {
    expect(fixKanaInKanji('第ニ一番')).toBe('第二一番');
    expect(fixKanaInKanji('コーポー番壱番館')).toBe('コーポ一番壱番館');
    expect(fixKanaInKanji('コーポ高砂荘')).toBe('コーポ高砂荘'); // a real long vowel stays
  });
  it('sets building words right where only a voicing mark or a stutter is off, and leaves other katakana', () => {
    expect(cleanAddress('沖縄県那覇市泉崎2-29-23コーボポ泉崎荘905号室')).toBe('沖縄県那覇市泉崎2-29-23コーポ泉崎荘905号室');
    expect(cleanAddress('和歌山県和歌山市小松原通108番地の22メゾン・ド・小松レジテンス1302号室')).toBe('和歌山県和歌山市小松原通108番地の22メゾン・ド・小松レジデンス1302号室');
    expect(cleanAddress('北海道虻田郡ニセコ町字ニセコ1-2')).toBe('北海道虻田郡ニセコ町字ニセコ1-2');
    expect(cleanAddress('東京都港区六本木6-10-1 六本木ヒルズ森タワー')).toBe('東京都港区六本木6-10-1六本木ヒルズ森タワー');
  });
  it('reads a bracket or bar inside a number as the 1 it is (residence_card/degraded#26)', () => {
    expect(cleanAddress('和歌山県和歌山市小松原通108番地の22メゾン・ド・小松レジデンス140]号室')).toBe('和歌山県和歌山市小松原通108番地の22メゾン・ド・小松レジデンス1401号室');
    expect(cleanAddress('福井県福井市大手3丁目2|4番5号')).toBe('福井県福井市大手3丁目214番5号');
    expect(cleanAddress('東京都港区六本木6-10-1 六本木ヒルズ]')).toBe('東京都港区六本木6-10-1六本木ヒルズ]'); // not after a digit
  });
  it('ends an address at its room number', () => {
    expect(cleanAddress('福井県福井市大手4丁目10番14号第二大手荘409号室トゴ')).toBe('福井県福井市大手4丁目10番14号第二大手荘409号室');
    expect(cleanAddress('三重県津市広明町9-26-5サンハイツ広明レジデンス110号室1')).toBe('三重県津市広明町9-26-5サンハイツ広明レジデンス110号室');
    expect(cleanAddress('香川県高松市番町44番地の28第二番町レジデンス109号本')).toBe('香川県高松市番町44番地の28第二番町レジデンス109号室');
    expect(cleanAddress('高知県高知市丸ノ内4丁目26番4号由')).toBe('高知県高知市丸ノ内4丁目26番4号');
    expect(cleanAddress('北海道札幌市中央区大通西1丁目2番3号')).toBe('北海道札幌市中央区大通西1丁目2番3号');
    expect(cleanAddress('長野県北佐久郡軽井沢町大字軽井沢5丁目8番3')).toBe('長野県北佐久郡軽井沢町大字軽井沢5丁目8番3号');
    expect(cleanAddress('山口県山口市滝町95番地の5')).toBe('山口県山口市滝町95番地の5');
    expect(cleanAddress('東京都千代田区霞が関2-1-2 ハイツ霞101号棟')).toBe('東京都千代田区霞が関2-1-2ハイツ霞101号棟');
  });
  it("reads a building's town part as the town where one character of it was read unsure", () => {
    const unsure = (...c: string[]) => new Set(c);
    expect(cleanAddress('鹿児島県鹿児島市鴨池新町1-17-16グランメゾン嶋池壱番館101号室', unsure('嶋'))).toBe('鹿児島県鹿児島市鴨池新町1-17-16グランメゾン鴨池壱番館101号室');
    expect(cleanAddress('山形県山形市旅篭町1-24-14第二旅穫レジデンス1406号室', unsure('穫'))).toBe('山形県山形市旅篭町1-24-14第二旅篭レジデンス1406号室');
    expect(cleanAddress('島根県松江市殿町2383番地グランメゾン典町レジデンス903号室', unsure('典', '番'))).toBe('島根県松江市殿町2383番地グランメゾン殿町レジデンス903号室');
    // Read with confidence: a building named otherwise keeps its name.
    expect(cleanAddress('島根県松江市殿町2383番地グランメゾン典町レジデンス903号室', unsure('番'))).toBe('島根県松江市殿町2383番地グランメゾン典町レジデンス903号室');
    expect(cleanAddress('埼玉県さいたま市浦和区高砂1959番地高田ハイツ303号室')).toBe('埼玉県さいたま市浦和区高砂1959番地高田ハイツ303号室');
    // Never a 町 put in; never inside a longer word; nothing before the house number.
    expect(cleanAddress('宮城県仙台市青葉区一番町2-30-11ライオンズマンション一番荘1305号室', unsure('荘'))).toBe('宮城県仙台市青葉区一番町2-30-11ライオンズマンション一番荘1305号室');
    expect(cleanAddress('鹿児島県鹿児島市鴨池新町1-17-16大嶋池ビル101号室', unsure('嶋'))).toBe('鹿児島県鹿児島市鴨池新町1-17-16大嶋池ビル101号室');
    // A building's own kanji stay: a shortened town name with 荘 or a wing after it.
    expect(cleanAddress('熊本県熊本市中央区水前寺734番地の7サンハイツ水前荘211号室', unsure('荘'))).toBe('熊本県熊本市中央区水前寺734番地の7サンハイツ水前荘211号室');
    expect(cleanAddress('熊本県熊本市中央区水前寺54番地メゾン・ド・水前壱番館1101号室', unsure('壱'))).toBe('熊本県熊本市中央区水前寺54番地メゾン・ド・水前壱番館1101号室');
  });
  it('reads 壱 before 番館 where the model saw a look-alike, and leaves other wings as read', () => {
    expect(cleanAddress('長野県北佐久郡軽井沢町大字軽井沢9丁目29番14号サンハイツ大字老番館509号室')).toBe('長野県北佐久郡軽井沢町大字軽井沢9丁目29番14号サンハイツ大字壱番館509号室');
    expect(cleanAddress('和歌山県和歌山市小松原通5-7-19パークハウス小松を番館1302号室')).toBe('和歌山県和歌山市小松原通5-7-19パークハウス小松壱番館1302号室');
    expect(cleanAddress('山形県山形市旅篭町2371番地パークハウス旅篭索番館1007号室')).toBe('山形県山形市旅篭町2371番地パークハウス旅篭壱番館1007号室');
    expect(cleanAddress('東京都港区芝5-1-1コーポ芝弐番館201号室')).toBe('東京都港区芝5-1-1コーポ芝弐番館201号室');
    expect(cleanAddress('東京都港区芝5-1-1老人ホーム芝101号室')).toBe('東京都港区芝5-1-1老人ホーム芝101号室');
  });
});

describe('line re-reads', () => {
  const doc = docFromText('氏名 天田 美咲 平成11年12月18日生\n住所 東京都千代田区霞が関2丁目1番2号\n令和10年1月18日まで有効', 60);

  const parsed = parseDriversLicence(doc);
  const spansOf = (f: keyof typeof parsed.fields) => {
    const v = parsed.fields[f];
    return (v && fieldSpans.get(v)) ?? [];
  };

  it('picks the words of low-confidence fields, one target per line, at most a few', () => {
    const targets = rereadTargets(parsed.fields, spansOf);
    expect(targets.map((t) => t.line).sort()).toEqual([0, 1, 2]); // name row, address, expiry: all read at 60
    // The name row's target covers the name and the birth date printed after it, not the label.
    const row = targets.find((t) => t.line === 0)!;
    expect(doc.lines[0]!.text.slice(row.start, row.end)).toBe('天田美咲平成11年12月18日');
    const sure = { name: field('山田 太郎', 0.95, 'label' as const) };
    expect(rereadTargets(sure, () => [{ line: 0, start: 2, end: 6 }])).toEqual([]);
  });

  it('replaces the target words with a more confident re-read, and the parse follows it', async () => {
    const engine = new FakeOcrEngine({ respond: () => oneLine('吉田 美咲 平成11年12月18日生', 92) });
    const row = rereadTargets(parsed.fields, spansOf).filter((t) => t.line === 0);
    const re = await rereadLines(engine, await blank(), doc, row);
    expect(re).not.toBeNull();
    expect(engine.calls[0]?.opts).toMatchObject({ lang: 'jpn', psm: 7 });
    // The label stays as first read; the words after it are the re-read ones.
    expect(re!.lines[0]!.text.startsWith('氏名吉田')).toBe(true);
    expect(parseDriversLicence(re!).fields.name?.value.replace(/\s/g, '')).toBe('吉田美咲');
    // Other lines are untouched.
    expect(re!.lines[1]).toBe(doc.lines[1]);
  });

  it('keeps the first reading when the re-read is less confident or lost text', async () => {
    const row = rereadTargets(parsed.fields, spansOf).filter((t) => t.line === 0);
    const worse = new FakeOcrEngine({ respond: () => oneLine('宮田美咲平成11年12月18日生', 40) });
    expect(await rereadLines(worse, await blank(), doc, row)).toBeNull();
    const shorter = new FakeOcrEngine({ respond: () => oneLine('吉田', 95) });
    expect(await rereadLines(shorter, await blank(), doc, row)).toBeNull();
  });
});

describe('skew', () => {
  const line = (y0: number, k: number) => {
    const words = Array.from({ length: 10 }, (_, i) => ({ text: '字', confidence: 90, bbox: { x0: 20 + i * 40, y0: Math.round(y0 + k * i * 40), x1: 50 + i * 40, y1: Math.round(y0 + 30 + k * i * 40) } }));
    return { text: '字'.repeat(10), confidence: 90, bbox: { x0: 20, y0, x1: 410, y1: Math.round(y0 + 30 + k * 400) }, words };
  };
  it('measures the skew of the lines read, in degrees, clockwise positive', () => {
    const k = Math.tan((2 * Math.PI) / 180);
    const deg = skewDegrees({ text: '', confidence: 90, ms: 0, lines: [line(10, k), line(80, k), line(150, k)] });
    expect(deg).toBeGreaterThan(1.7);
    expect(deg).toBeLessThan(2.3);
    expect(skewDegrees({ text: '', confidence: 90, ms: 0, lines: [line(10, 0), line(80, 0)] })).toBe(0);
  });
  it("ignores slivers (the card's edge read as `|` or `I` at a row's ends), whose bottoms are not the text's", () => {
    // The name row of health_insurance/degraded#13 as read: level glyphs between the card's edges.
    const row = (dy: number) => {
      const words = ([['|', 34, 37, 258, 290], ['ss', 72, 104, 257, 273], ['五', 164, 254, 242, 272], ['二', 208, 230, 238, 294], ['財', 229, 258, 238, 294], ['雄一', 262, 321, 240, 269], ['郎', 336, 352, 238, 266], ['I', 895, 897, 221, 244]] as const)
        .map(([text, x0, x1, y0, y1]) => ({ text, confidence: 60, bbox: { x0, x1, y0: y0 + dy, y1: y1 + dy } }));
      return { text: words.map((w) => w.text).join(' '), confidence: 60, bbox: { x0: 34, y0: 221 + dy, x1: 897, y1: 294 + dy }, words };
    };
    expect(skewDegrees({ text: '', confidence: 60, ms: 0, lines: [row(0), row(100)] })).toBe(0);
  });
});

describe('shape-constrained number re-reads', () => {
  const SHAPE = 'LLDDDDDDDDLL'; // 在留カード番号

  it('repairs look-alikes by position, counting the repairs', () => {
    expect(fitShape('AB1234S678CD', SHAPE)).toEqual({ value: 'AB12345678CD', repairs: 1 });
    expect(fitShape('0B12345678C0', SHAPE)).toEqual({ value: 'OB12345678CO', repairs: 2 });
    expect(fitShape('AB1234567XCD', SHAPE)).toBeNull(); // X is no digit look-alike
    expect(fitShape('AB123456CD', SHAPE)).toBeNull();
    expect(repairResidenceNumber('ab 1234 5678 cd')).toBe('AB12345678CD');
  });

  it('takes the re-read over a first pass it disagrees with when it fits the shape', () => {
    expect(chooseByShape('QU02445458KV', 'OU02445458KV', SHAPE)).toBe('QU02445458KV');
    expect(chooseByShape('0C47104950CS', null, SHAPE)).toBe('OC47104950CS'); // one repair
  });

  it('drops a doubled glyph or a speck, preferring the first pass, else what is nearest to it', () => {
    expect(chooseByShape('HQO08685718PM', 'HQ08685718PM', SHAPE)).toBe('HQ08685718PM');
    expect(chooseByShape('CHO08395777AJ', 'CH08395777AJ', SHAPE)).toBe('CH08395777AJ');
    expect(chooseByShape('3QU44958060TS', 'OU44958060TS', SHAPE)).toBe('QU44958060TS');
  });

  it('ignores a re-read that fits only after several repairs, or is far off in length', () => {
    expect(chooseByShape('YNOIQI9L35LM', 'WV57499233ZM', SHAPE)).toBeNull();
    expect(chooseByShape('QU0244545', 'OU02445458KV', SHAPE)).toBeNull();
    expect(chooseByShape('XXXQU02445458KV', 'OU02445458KV', SHAPE)).toBeNull();
  });
});
