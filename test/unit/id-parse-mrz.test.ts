// MRZ from OCR-like lines (rule 56): the ICAO specimen through tesseract-style noise, every check
// digit reported, and no repair that turns a changed digit into a "valid" reading.
import { describe, expect, it } from 'vitest';
import { bestMrz, findMrz, withNameOf } from '../../src/identity/ocr/parse-mrz.js';
import { mrzStandsAlone, parsePassport, parseVizDate } from '../../src/identity/ocr/parse-passport.js';
import { docFromText } from '../../src/identity/ocr/parse-text.js';

describe('MRZ (rule 56)', () => {
  const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
  const L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
  it('validates all five check digits of the ICAO specimen, through OCR noise', () => {
    const noisy = ['P<UTOERIKSSON<K<ANNA<MARIA<KLKLLLLKLKLKLKLKLK', 'L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O'];
    const r = findMrz(noisy, '2010-01-01')!;
    expect(r.lines[1]).toBe(L2);
    expect(r.check.checks).toEqual({ documentNumber: true, birthDate: true, expiryDate: true, personalNumber: true, composite: true });
    const p = parsePassport(null, r);
    expect(p.fields.documentNumber?.value).toBe('L898902C3');
    expect(p.fields.dateOfBirth?.value).toBe('1974-08-12');
    expect(p.validations.filter((v) => v.code.startsWith('mrz_')).every((v) => v.ok)).toBe(true);
    expect(p.warnings.map((w) => w.code)).toContain('passport_address_not_proven');
  });
  it('changing one digit of the document number fails validation', () => {
    const r = findMrz([L1, L2.replace('L898902C3', 'L898903C3')], '2010-01-01')!;
    expect(r.check.checks.documentNumber).toBe(false);
    expect(r.check.allOk).toBe(false);
  });
  it('a name word the MRZ read wrong is set right when the VIZ and the first pass agree, or by the VIZ alone for an I lost inside it', () => {
    const l1 = 'P<UTOERIKSSON<<ANNA<MARA<<<<<<<<<<<<<<<<<<<<'; // MARIA lost its I (no check digit covers names)
    const r = findMrz([l1, L2], '2010-01-01')!;
    const both = docFromText('ERIKSSON\nAnna MAR IA\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
    expect(parsePassport(both, r).fields.name?.value).toBe('ERIKSSON ANNA MARIA');
    // One witness is not enough: the VIZ alone (first-pass MRZ line unread) leaves the MRZ reading…
    const vizOnly = docFromText('ERIKSSON\nAnna MAR IA');
    const misread = findMrz(['P<UTOERIKSSON<<ANNA<MAREA<<<<<<<<<<<<<<<<<<<<', L2], '2010-01-01')!;
    expect(parsePassport(vizOnly, misread).fields.name?.value).toBe('ERIKSSON ANNA MAREA');
    // …but for an I the MRZ lost: the narrowest glyph, the one a dark or blurred band drops.
    expect(parsePassport(vizOnly, r).fields.name?.value).toBe('ERIKSSON ANNA MARIA');
    const yukie = findMrz(['P<JPNSATO<<YUKE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'TS31893481JPN5102208F2510158<<<<<<<<<<<<<<06'], '2025-10-01')!;
    expect(parsePassport(docFromText('SATO\nYUKIE'), yukie).fields.name?.value).toBe('SATO YUKIE');
    expect(parsePassport(docFromText('SATO\nYUKIIIE'), yukie).fields.name?.value).toBe('SATO YUKE'); // three more: not a lost I
    // An I in front of the word, or doubling one, is the card's edge or a rule read as one (passport/degraded#24).
    const igarashi = findMrz(['P<JPNIGARASHI<<AYANO<<<<<<<<<<<<<<<<<<<<<<<<<<', 'TS31893481JPN5102208F2510158<<<<<<<<<<<<<<06'], '2025-10-01')!;
    expect(parsePassport(docFromText('IIGARASHI\nAYANO'), igarashi).fields.name?.value).toBe('IGARASHI AYANO');
    expect(parsePassport(docFromText('SATO\nIYUKE'), yukie).fields.name?.value).toBe('SATO YUKE');
    const misaki = findMrz(['P<JPNSUZUKI<<MSAK<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'TS31893481JPN5102208F2510158<<<<<<<<<<<<<<06'], '2025-10-01')!;
    expect(parsePassport(docFromText('SUZUKI\nMISAKI'), misaki).fields.name?.value).toBe('SUZUKI MISAKI');
  });
  it('the other readings are taken as printed: a 0 in a first-pass name line is an O, a lower-case l in the VIZ an I (passport/degraded#28, #39)', () => {
    const l2 = 'TR81134863JPN1802050M2304252<<<<<<<<<<<<<<04';
    const band = (name: string) => findMrz([`P<JPN${name}`.padEnd(44, '<'), l2], '2025-10-01')!;
    // Band: an O read as QO; first pass: `SAE MONSABUR0`; VIZ right. The first pass's 0 was the second witness.
    const shoji = docFromText(`SHOJI\nSAEMONSABURO\nP<JPNSHOJI <<SAE MONSABUR0<<<<<<<<<<<くくくくく\n${l2}`);
    expect(parsePassport(shoji, band('SHOJI<<SAEMONSABURQO')).fields.name?.value).toBe('SHOJI SAEMONSABURO');
    // Band lost the I; the VIZ printed YUI and was read `Yul`; the first pass read `Y UI`.
    const hamada = docFromText(`HAMADA\nYul\nP<JPNHAMADA<<Y UI <<<<<<<<<<<<<<<<<<<<<<<<<<<<\n${l2}`);
    expect(parsePassport(hamada, band('HAMADA<<YU')).fields.name?.value).toBe('HAMADA YUI');
    // A four-letter word two edits off (HINA read HNAS) when the VIZ and the first pass agree on it…
    const saito = docFromText(`SAITO\nHINA\nP<JPNSAI TO0<<則HI NAくで< で< <で<ごここ\n${l2}`);
    expect(parsePassport(saito, band('SAITO<<HNAS')).fields.name?.value).toBe('SAITO HINA');
    // …but not on the VIZ's word alone.
    expect(parsePassport(docFromText('SAITO\nHINA'), band('SAITO<<HNAS')).fields.name?.value).toBe('SAITO HNAS');
  });
  it('an I the band lost comes back from the first-pass MRZ alone, unless the VIZ shows the word without it too (passport/degraded#13, #86)', () => {
    const l2 = 'TR31435244JPN4206246F3207132<<<<<<<<<<<<<<04';
    const band = findMrz(['P<JPNSUZUKI<<YU<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', l2], '2025-10-01')!;
    const firstPass = `p<」PNSUZUKI <<YUI ンてここ<<こ<ここ<そそでで<こるるるる\n${l2}`;
    expect(parsePassport(docFromText(`SUZUKI\nSO ]\n${firstPass}`), band).fields.name?.value).toBe('SUZUKI YUI');
    // The VIZ read `Yu`: two readings without the I against one with it. Left as the band read it.
    expect(parsePassport(docFromText(`SUZUKI\nYu\n${firstPass}`), band).fields.name?.value).toBe('SUZUKI YU');
  });
  it('a first-pass MRZ stands alone only when every check digit validates and the VIZ name agrees', () => {
    // Lines as the Japanese first pass read a clean data page (spaces and a kana inside the rows).
    const rows = ['P<JPNNAKA MURA<<SAE MONSABUR0<<<<<<<<<<<<<<<<こ<', 'TS82833203JPN8703178M2804084<<<<<<<<<<<<<<08'];
    const viz = (given: string) => docFromText(`日本国 JAPAN 旅券 PASSPORT\n姓/Surname\nNAKAMURA\n名/Given name\n${given}\n${rows.join('\n')}`);
    const r = findMrz(rows, '2025-10-01')!;
    expect(r.check.allOk).toBe(true);
    expect(mrzStandsAlone(r, viz('SAEMONSABURO'))).toBe(true);
    // The name has no check digit: a VIZ that reads it otherwise sends the band to be read again.
    expect(mrzStandsAlone(r, viz('SAEMONSABURA'))).toBe(false);
    expect(mrzStandsAlone(r, docFromText(rows.join('\n')))).toBe(false);
    const bad = findMrz([rows[0]!, rows[1]!.replace('870317', '870318')], '2025-10-01')!;
    expect(mrzStandsAlone(bad, viz('SAEMONSABURO'))).toBe(false);
  });
  it('reads an `l` in a first-pass MRZ as the I it is (OCR-B has no lower case)', () => {
    const rows = ['P< J PNTAKANASHI <<Y Ul CHI RO<<<<<<<こ<<<<<<<<<<<<こ<', 'MZ77303577JPN6401160M2707107<<<<<<<<<<<<<<0 6'];
    const r = findMrz(rows, '2025-10-01')!;
    expect(r.lines[0]!.startsWith('P<JPNTAKANASHI<<YUICHIRO<')).toBe(true);
    const viz = docFromText(`姓/Surname\nTAKANASHI\n名/Given name\nYUICHIRO\n${rows.join('\n')}`);
    expect(mrzStandsAlone(r, viz)).toBe(true);
    // A band read that doubled a letter is set right by the VIZ and the first pass agreeing.
    const band = findMrz(['P<JPNTAKANASHI<<YUICHIRRO<<<<<<<<<<<<<<<<<<<<', rows[1]!], '2025-10-01')!;
    expect(parsePassport(viz, band).fields.name?.value).toBe('TAKANASHI YUICHIRO');
  });
  it('reads a name line whose faint trailing fillers OCR lost, but not one cut inside the name (passport/hard#3)', () => {
    const rows = ['P<JPNTAKAHASHI<<YUKIE<<<<<<<<<<', 'TS83273963JPN9808162F2901215<<<<<<<<<<<<<<00'];
    const r = findMrz(rows, '2025-10-01')!;
    expect(r.lines[0]).toBe('P<JPNTAKAHASHI<<YUKIE<<<<<<<<<<<<<<<<<<<<<<<');
    expect(r.check.allOk).toBe(true);
    // Cut after a name word, or with noise in it: what is lost could be more of the name.
    expect(findMrz(['P<JPNTAKAHASHI<<YUK', rows[1]!], '2025-10-01')).toBeNull();
    expect(findMrz(['P<JPNTAKAHASHI<<YUKIE<MA<', rows[1]!], '2025-10-01')).toBeNull();
    expect(findMrz(['P<JPNTAKA3ASHI<<YUKIE<<<<<<<<<<', rows[1]!], '2025-10-01')).toBeNull();
  });
  it('of several readings the best is kept, never one none of whose check digits validates', () => {
    const good = findMrz([L1, L2], '2010-01-01')!;
    const worse = findMrz([L1, L2.replace('7408122', '7408128')], '2010-01-01')!;
    // A date line and the number line taken for an ID card's MRZ: no check digit validates.
    const junk = findMrz(['21JAN2024MINISTRYOFFOREIGNAFFAIRS', 'P<JPN1AKAHA5H1<<YUKIE<<<<<<<<<', 'TS83273963JPNIBOB1I62F2901215<<<<<<<<<<<<<0'], '2025-10-01')!;
    expect(junk.passed).toBe(0);
    expect(bestMrz(junk, null)).toBeNull();
    expect(bestMrz(junk, worse, good)).toBe(good);
    expect(bestMrz(worse, junk)).toBe(worse);
    const again = findMrz([L1, L2], '2010-01-01')!;
    expect(bestMrz(good, again)).toBe(good); // the earliest on a tie
  });
  it('the numbers from the reading whose check digits validate, the name from the band read (passport/degraded#105)', () => {
    const first = findMrz(['P<UTOERIKSSONL<<ANNAA<MARIA<<<<<<<<<<<<<<<<<<', L2], '2010-01-01')!; // a first pass in Japanese
    const band = findMrz([L1, L2.replace('L898902C3', 'L898903C3')], '2010-01-01')!;
    expect(bestMrz(band, first)).toBe(first);
    const both = withNameOf(first, band);
    expect(both.lines).toEqual([L1, L2]);
    expect(both.check).toBe(first.check);
    expect(parsePassport(null, both).fields.name?.value).toBe('ERIKSSON ANNA MARIA');
    expect(parsePassport(null, both).fields.documentNumber?.value).toBe('L898902C3');
    // A band name that is not letters and fillers, or no band read, leaves the reading as it is.
    const noisy = findMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<SE<<<<<<<<<<<<', band.lines[1]!], '2010-01-01')!;
    expect(withNameOf(first, noisy)).toBe(first);
    expect(withNameOf(first, null)).toBe(first);
  });
  it('reads visual-zone dates', () => {
    expect(parseVizDate('01 APR 2021')).toBe('2021-04-01');
    expect(parseVizDate('12 APR/AVR 2001')).toBe('2001-04-12');
    // A month one letter off (T/F, R/T), when only one month is that near; ambiguous ones stay unread.
    expect(parseVizDate('ラ 18 TEB 2022 WST 9 FOREIGN AFFAIRS')).toBe('2022-02-18');
    expect(parseVizDate('21 ocr 2023 0 OF FOREIGN AFFAIRS')).toBe('2023-10-21');
    expect(parseVizDate('05 JUX 2020')).toBeNull();
    expect(parseVizDate('05 MAX 2020')).toBeNull();
  });
});

describe('MRZ repair never invents validity (rule 56)', () => {
  it('no single-digit change of the specimen document number validates', () => {
    const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
    const L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
    for (let i = 0; i < 9; i++) {
      if (!/\d/.test(L2[i]!)) continue;
      for (let d = 0; d <= 9; d++) {
        if (String(d) === L2[i]) continue;
        const r = findMrz([L1, L2.slice(0, i) + d + L2.slice(i + 1)], '2010-01-01')!;
        expect(r.check.allOk, `${i}:${d}`).toBe(false);
      }
    }
  });
});
