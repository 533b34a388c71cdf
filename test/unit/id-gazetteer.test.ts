// Addresses checked against Japan Post's list (src/identity/ocr/gazetteer.ts): one character off
// the only real name that near is read as it; anything else stays as read.
import { describe, expect, it } from 'vitest';
import { repairAddress } from '../../src/identity/ocr/gazetteer.js';
import { glyphSimilarity } from '../../src/identity/ocr/glyph-similarity.js';
import { cleanAddress } from '../../src/identity/ocr/parse-common.js';

describe('repairAddress', () => {
  it.each([
    // prefecture, decided by the municipality that follows (島根県 is one off too, but has no 鳥取市)
    ['島取県鳥取市東町4-19-20', '鳥取県鳥取市東町4-19-20'],
    ['長綺県長崎市尾上町2181番地', '長崎県長崎市尾上町2181番地'],
    // prefecture misread past one character: only 香川県 has a 高松市; 府中市 is in 東京都 and
    // 広島県, and the 都 or 県 that was read tells which
    ['大中県高松市番町44番地の28', '香川県高松市番町44番地の28'],
    ['大中都府中市宮西町2-24', '東京都府中市宮西町2-24'],
    ['大中県府中市府川町315', '広島県府中市府川町315'],
    // the prefecture's own 県 misread, its municipality following
    ['沖縄上那覇市泉崎2-29-23', '沖縄県那覇市泉崎2-29-23'],
    // municipality; the longest fit wins (岡山市北区 over 津山市)
    ['熊本県能本市中央区水前寺54番地', '熊本県熊本市中央区水前寺54番地'],
    ['岡山県回山市北区内山下627番地', '岡山県岡山市北区内山下627番地'],
    // town, up to the house number
    ['広島県広島市中区基名5-30-9', '広島県広島市中区基町5-30-9'],
    ['山形県山形市旅笹町2078番地', '山形県山形市旅篭町2078番地'],
    ['岐阜県岐阜市数田南487番地', '岐阜県岐阜市薮田南487番地'],
    // two towns one off (塙田 and 鶴田 in 宇都宮市): the one whose character looks like the one read
    ['栃木県宇都宮市壇田7-1-21', '栃木県宇都宮市塙田7-1-21'],
    ['栃木県宇都宮市場田2丁目28番21号', '栃木県宇都宮市塙田2丁目28番21号'],
    // a Kyoto town, after the streets that lead to it; listed as 藪之内町, printed 薮ノ内町: the
    // spelling printed is kept, and the character misread takes its everyday form (薮, not 藪)
    ['京都府京都市上京区下立売通新町西入数ノ内町341番地', '京都府京都市上京区下立売通新町西入薮ノ内町341番地'],
    ['京都府京都市上京区下立売通新町西入数之内町341番地', '京都府京都市上京区下立売通新町西入薮之内町341番地'],
    // prefecture lost or garbled past reading: a city only one prefecture has names it, and its
    // ward is then repaired as any municipality (さいたま市通和区 → 浦和区)
    ['知県名古屋市中区三の丸944番地', '愛知県名古屋市中区三の丸944番地'],
    ['相放山梨和歌山市小松原通5丁目8番4号', '和歌山県和歌山市小松原通5丁目8番4号'],
    ['玉さいたま市通和区高砂1959番地', '埼玉県さいたま市浦和区高砂1959番地'],
    ['大中府高松市番町44番地の28', '香川県高松市番町44番地の28'],
    ['広島市中区基町5-30-9', '広島県広島市中区基町5-30-9'],
  ])('%s → %s', (read, real) => {
    expect(repairAddress(read)).toBe(real);
  });

  it.each([
    '石川県金沢市寺月6丁目4番11号', // 鞍月, 寺町 and 寺地 are all one off, none looks clearly likeliest
    '島根県松江市度町2383番地', // 殿町, and many another 〇町, one off: no clear look-alike
    '京都府京都市上京区下立売通新町西入薮ノ内町341番地', // 藪之内町 in Japan Post's spelling
    '京都府京都市上京区下立売通新町西入藪之内町341番地',
    '東京都千代田区霞ヶ関4丁目27番21号', // 霞が関, written the other way
    '長野県北佐久郡軽井沢町大字軽井沢9丁目29番14号',
    '東京都千代田区霞が関4丁目27番21号',
    '愛知県名古屋市中区三の丸1-7-9',
    '宮城県仙台市青葉区一番町9-10-6 パークハウス一番壱番館703号室',
    '〒100-0013 霞が関', // no prefecture: nothing to anchor on
    '大中県北区1-2-3', // no 県 has a municipality named just 北区
    '府中市宮町1-2', // 府中市 is in 東京都 and in 広島県: no guess
    '12府中市宮町', // digits are no prefecture's remnant
  ])('leaves %s as read', (read) => {
    expect(repairAddress(read)).toBe(read);
  });

  it('runs inside every address clean-up', () => {
    expect(cleanAddress('熊本県能本市 中央区水前寺54番地')).toBe('熊本県熊本市中央区水前寺54番地');
  });

  it('a building named after its town, misread as the town was, gets the town spelling too', () => {
    // 数 was misread for 薮 in the town (the list says so), so the same 数 in the building is the
    // same misread, though no word confidence said so.
    expect(cleanAddress('岐阜県岐阜市数田南5丁目28番20号 第二数田403号室')).toBe('岐阜県岐阜市薮田南5丁目28番20号第二薮田403号室');
    // the town read right: the building's own name is left as read
    expect(cleanAddress('岐阜県岐阜市薮田南5丁目28番20号 第二数田403号室')).toBe('岐阜県岐阜市薮田南5丁目28番20号第二数田403号室');
  });
});

describe('glyphSimilarity', () => {
  it('scores characters that share a component above those that do not, from the font alone', () => {
    const sim = (a: string, b: string) => glyphSimilarity(a, b)!;
    expect(sim('塙', '塙')).toBeCloseTo(1, 6);
    expect(sim('壇', '塙')).toBeGreaterThan(sim('壇', '鶴') + 0.04);
    expect(sim('博', '輔')).toBeGreaterThan(sim('博', '二') + 0.2);
    expect(sim('大', '小')).toBeLessThan(0.6);
    expect(sim('a', 'b')).toBeGreaterThan(0); // Latin too: the font has it
    expect(glyphSimilarity('\u{10FFFD}', '塙')).toBeNull(); // a code point the font lacks
  });
});
