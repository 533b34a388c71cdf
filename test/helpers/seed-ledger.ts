// Fast bulk seeding of the ledger tables straight into SQLite (prepared statements, one
// transaction) for read-path tests and the 1M-item benchmark. It bypasses the write verbs on
// purpose: those are tested through the API; this only has to produce realistic rows fast.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { normalizeIdentifier, normalizeName } from '../../src/shared/japanese.js';
import { ART, DOCUMENTS, type DocumentType, type ItemCategory, type ItemFeatures, METHODS, methodCategoryLabel, type VerificationMethod } from '../../src/tradeins/rules/index.js';

export interface SeedParty { name: string; kanaName?: string; address: string; occupation: string; dateOfBirth: string }
export interface SeedDisposal { date: string; kind?: 'sale' | 'consignment_return' | 'return'; price: number; ledgerRequired: boolean; buyer?: SeedParty | null }
export interface SeedItem {
  category: ItemCategory;
  designation?: string;
  description: string;
  quantity?: number;
  unitPrice: number;
  isPhone?: boolean;
  features: ItemFeatures;
  disposal?: SeedDisposal;
}
export interface SeedTradein {
  storeId: string;
  date: string;
  kind?: 'purchase' | 'exchange' | 'consignment';
  status?: 'completed' | 'draft';
  ledgerRequired?: boolean;
  counterparty?: SeedParty | null;
  /** The identity check; null = none recorded. Default with a counterparty: 1号 / 運転免許証. */
  verification?: { method: VerificationMethod; documentType: DocumentType | null } | null;
  version?: number;
  anonymizedAt?: string | null;
  items: SeedItem[];
}
export interface Seeded { tradeinId: string; itemIds: string[]; disposalIds: (string | null)[] }

const NOW = '2026-01-01T00:00:00.000Z';

export function methodLabel(m: VerificationMethod, doc: DocumentType | null): string {
  if (m === 'ACT15_1_1') return `${ART.act15_1_1} / ${doc ? DOCUMENTS[doc].label : '（書類未記録）'}`;
  const base = `${methodCategoryLabel(m)} ${METHODS[m].label}`;
  return doc ? `${base} / ${DOCUMENTS[doc].label}` : base;
}

/** Prepared inserts for one connection. Call inside a transaction (seedTradeins / seedLedger do). */
export class LedgerSeeder {
  private readonly st;
  private readonly customers = new Map<string, string>();
  constructor(db: Database.Database) {
    const ins = (table: string, cols: string[]) => db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    this.st = {
      store: ins('stores', ['id', 'name', 'permit_number', 'commission', 'prefecture', 'address', 'created_at', 'updated_at']),
      customer: ins('customers', ['id', 'store_id', 'name', 'kana_name', 'address', 'occupation', 'date_of_birth', 'name_norm', 'created_at', 'updated_at']),
      tradein: ins('tradeins', ['id', 'store_id', 'kind', 'channel', 'occurred_at', 'business_date', 'status', 'customer_id', 'cp_name', 'cp_kana_name', 'cp_address', 'cp_occupation', 'cp_date_of_birth', 'cp_name_norm', 'total', 'identity_required', 'ledger_required', 'version', 'created_at', 'updated_at', 'completed_at', 'anonymized_at']),
      item: ins('tradein_items', ['id', 'tradein_id', 'store_id', 'line_no', 'category', 'designation', 'description', 'quantity', 'unit_price', 'is_phone', 'features', 'features_source', 'serial_norm', 'imei_norm', 'chassis_norm', 'plate_norm', 'status']),
      verification: ins('verifications', ['tradein_id', 'method', 'document_type', 'status', 'input', 'assessment', 'ledger_label', 'updated_at']),
      version: ins('tradein_versions', ['id', 'tradein_id', 'version', 'snapshot', 'changed_fields', 'reason', 'created_at']),
      disposal: ins('disposals', ['id', 'store_id', 'item_id', 'kind', 'business_date', 'price', 'ledger_required', 'buyer_customer_id', 'buyer_name', 'buyer_address', 'buyer_occupation', 'buyer_date_of_birth', 'created_at']),
    };
  }

  store(name: string, permitNumber = '301234567890', commission = '東京都公安委員会'): string {
    const id = randomUUID();
    this.st.store.run({ id, name, permit_number: permitNumber, commission, prefecture: '東京都', address: '東京都新宿区西新宿1-1-1', created_at: NOW, updated_at: NOW });
    return id;
  }

  /** One customer row per person (name + date of birth), like a returning customer. */
  customer(storeId: string, p: SeedParty): string {
    const key = `${p.name}\u0000${p.dateOfBirth}`;
    let id = this.customers.get(key);
    if (!id) {
      id = randomUUID();
      this.st.customer.run({ id, store_id: storeId, name: p.name, kana_name: p.kanaName ?? null, address: p.address, occupation: p.occupation, date_of_birth: p.dateOfBirth, name_norm: normalizeName(p.name), created_at: NOW, updated_at: NOW });
      this.customers.set(key, id);
    }
    return id;
  }

  tradein(s: SeedTradein): Seeded {
    const id = randomUUID();
    const total = s.items.reduce((n, it) => n + it.unitPrice * (it.quantity ?? 1), 0);
    const ledger = s.ledgerRequired ?? true;
    const cp = s.counterparty === undefined ? null : s.counterparty;
    const at = `${s.date}T02:30:00.000Z`;
    this.st.tradein.run({
      id, store_id: s.storeId, kind: s.kind ?? 'purchase', channel: 'in_person', occurred_at: at, business_date: s.date, status: s.status ?? 'completed',
      customer_id: cp ? this.customer(s.storeId, cp) : null, cp_name: cp?.name ?? null, cp_kana_name: cp?.kanaName ?? null, cp_address: cp?.address ?? null,
      cp_occupation: cp?.occupation ?? null, cp_date_of_birth: cp?.dateOfBirth ?? null, cp_name_norm: cp ? normalizeName(cp.name) : null, total,
      identity_required: ledger ? 1 : 0, ledger_required: ledger ? 1 : 0, version: s.version ?? 1, created_at: at, updated_at: at, completed_at: at, anonymized_at: s.anonymizedAt ?? null,
    });
    const v = s.verification === undefined ? (cp ? { method: 'ACT15_1_1' as const, documentType: 'DRIVERS_LICENSE' as const } : null) : s.verification;
    if (v) {
      this.st.verification.run({ tradein_id: id, method: v.method, document_type: v.documentType, status: 'verified', input: '{}', assessment: '{}', ledger_label: methodLabel(v.method, v.documentType), updated_at: at });
    }
    for (let v = 1; v < (s.version ?? 1); v++) {
      this.st.version.run({ id: randomUUID(), tradein_id: id, version: v, snapshot: '{}', changed_fields: '["items.0.features"]', reason: '特徴の誤記訂正', created_at: at });
    }
    const itemIds: string[] = [];
    const disposalIds: (string | null)[] = [];
    s.items.forEach((it, n) => {
      const itemId = randomUUID();
      const f = it.features;
      const norm = (v: string | undefined) => (v ? normalizeIdentifier(v) : null);
      this.st.item.run({
        id: itemId, tradein_id: id, store_id: s.storeId, line_no: n + 1, category: it.category, designation: it.designation ?? 'NONE', description: it.description,
        quantity: it.quantity ?? 1, unit_price: it.unitPrice, is_phone: it.isPhone ? 1 : 0, features: JSON.stringify(f), features_source: 'manual',
        serial_norm: norm(f.serialNumber), imei_norm: norm(f.imei), chassis_norm: norm(f.chassisNumber), plate_norm: norm(f.plateNumber), status: it.disposal ? 'disposed' : 'held',
      });
      itemIds.push(itemId);
      disposalIds.push(it.disposal ? this.disposal(s.storeId, itemId, it.disposal) : null);
    });
    return { tradeinId: id, itemIds, disposalIds };
  }

  private disposal(storeId: string, itemId: string, d: SeedDisposal): string {
    const id = randomUUID();
    const b = d.buyer ?? null;
    this.st.disposal.run({
      id, store_id: storeId, item_id: itemId, kind: d.kind ?? 'sale', business_date: d.date, price: d.price, ledger_required: d.ledgerRequired ? 1 : 0,
      buyer_customer_id: b ? this.customer(storeId, b) : null, buyer_name: b?.name ?? null, buyer_address: b?.address ?? null,
      buyer_occupation: b?.occupation ?? null, buyer_date_of_birth: b?.dateOfBirth ?? null, created_at: `${d.date}T03:00:00.000Z`,
    });
    return id;
  }
}

/** Inserts the given trade-ins in one transaction. */
export function seedTradeins(db: Database.Database, specs: SeedTradein[]): Seeded[] {
  const seeder = new LedgerSeeder(db);
  return db.transaction(() => specs.map((s) => seeder.tradein(s)))();
}

// ---------------------------------------------------------------------------------------------
// Realistic generated data. Identifiers derive from the item's index, so a benchmark can query
// item i's IMEI, serial, 車台番号 or plate without keeping a list of a million strings.

const SURNAMES = [['𠮷田', 'ヨシダ'], ['髙橋', 'タカハシ'], ['山﨑', 'ヤマサキ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['田中', 'タナカ'], ['渡邊', 'ワタナベ'], ['齋藤', 'サイトウ'], ['伊藤', 'イトウ'], ['中村', 'ナカムラ']] as const;
const GIVEN = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['美穂', 'ミホ'], ['翔太', 'ショウタ'], ['さくら', 'サクラ'], ['健二', 'ケンジ'], ['由美', 'ユミ']] as const;
const TOWNS = ['東京都新宿区西新宿', '東京都品川区大井', '大阪府大阪市北区梅田', '神奈川県横浜市中区山下町', '北海道札幌市中央区北一条西', '福岡県福岡市博多区博多駅前'];
const OCCUPATIONS = ['会社員', '自営業', '学生', '公務員', 'パート', '無職', '医師', '農業'];
const PLATE_REGIONS = ['品川', '練馬', '横浜', 'なにわ', '札幌', '多摩'];
const PLATE_KANA = Array.from('さすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるれろ');
const TACS = ['35209900', '35332211', '86753102', '35456710', '35290611', '86891204'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Deterministic person #k (so a repeat customer has the same snapshot every time). */
export function personFor(k: number): SeedParty {
  const [s, sk] = SURNAMES[k % SURNAMES.length]!;
  const [g, gk] = GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]!;
  const year = 1950 + (k % 55);
  const apt = k % 3 === 0 ? ` コーポ髙島${(k % 9) + 1}0${(k % 7) + 1}号室` : '';
  return {
    name: `${s} ${g}`, kanaName: `${sk} ${gk}`, occupation: OCCUPATIONS[k % OCCUPATIONS.length]!,
    address: `${TOWNS[k % TOWNS.length]}${(k % 5) + 1}丁目${(k % 20) + 1}番${(k % 13) + 1}号${apt}`,
    dateOfBirth: `${year}-${pad((k % 12) + 1, 2)}-${pad((k % 28) + 1, 2)}`,
  };
}

export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Item i's kind: 40% phones, 15% watches, 10% cameras, 10% laptops, 5% cars, 5% motorcycles, 15% other. */
const kindOf = (i: number) => (['phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'watch', 'watch', 'watch', 'camera', 'camera', 'laptop', 'laptop', 'car', 'motorcycle', 'book', 'clothing', 'game'] as const)[i % 20]!;

/** Display forms of item i's identifiers, as staff type them (hyphens and spaces included). */
export function identifiersOf(i: number): { imei?: string; serial?: string; chassis?: string; plate?: string } {
  const kind = kindOf(i);
  if (kind === 'phone') {
    const body = `${TACS[Math.floor(i / 1_000_000) % TACS.length]}${pad(i % 1_000_000, 6)}`;
    const d = `${body}${luhnDigit(body)}`;
    return { imei: `${d.slice(0, 2)}-${d.slice(2, 8)}-${d.slice(8, 14)}-${d.slice(14)}` };
  }
  if (kind === 'watch' || kind === 'camera' || kind === 'laptop') return { serial: `${{ watch: 'W', camera: 'C', laptop: 'PF' }[kind]}-${pad(i, 8)}` };
  if (kind === 'car' || kind === 'motorcycle') {
    const n = (i % 9999) + 1;
    const r = Math.floor(i / 9999);
    const region = PLATE_REGIONS[r % PLATE_REGIONS.length];
    const kana = PLATE_KANA[Math.floor(r / PLATE_REGIONS.length) % PLATE_KANA.length];
    const num = `${pad(n, 4).slice(0, 2)}-${pad(n, 4).slice(2)}`;
    return kind === 'car'
      ? { chassis: `${['ZVW30', 'NHP10', 'GP5', 'ZC33S'][i % 4]}-${pad(i % 10_000_000, 7)}`, plate: `${region} ${['300', '500', '330'][r % 3]} ${kana} ${num}` }
      : { chassis: `${['JC61', 'MC41'][i % 2]}-${pad(i % 10_000_000, 7)}`, plate: `${region} ${kana} ${num}` };
  }
  return {};
}

const ITEM_TEMPLATES = {
  phone: { category: 'MACHINE_TOOL', description: 'スマートフォン', isPhone: true, price: [8_000, 90_000], f: { brand: 'Apple', model: 'iPhone 13 128GB', colour: 'ミッドナイト', condition: '画面に小傷' } },
  watch: { category: 'WATCH_JEWELRY', description: '腕時計', price: [5_000, 400_000], f: { brand: 'SEIKO', model: 'SBGA211', colour: '白文字盤', condition: '裏蓋に擦り傷' } },
  camera: { category: 'CAMERA', description: 'デジタルカメラ', price: [10_000, 200_000], f: { brand: 'Canon', model: 'EOS R6', condition: 'シャッター回数約1.2万回' } },
  laptop: { category: 'OFFICE_MACHINE', description: 'ノートパソコン', price: [10_000, 150_000], f: { brand: 'Lenovo', model: 'ThinkPad X1 Carbon', condition: '天板に擦り傷' } },
  car: { category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '普通乗用自動車', price: [200_000, 2_000_000], f: { carName: 'トヨタ プリウス', colour: '白' } },
  motorcycle: { category: 'MOTORCYCLE', designation: 'MOTORCYCLE_BODY', description: '原動機付自転車（本体）', price: [20_000, 300_000], f: { carName: 'ホンダ スーパーカブ', colour: '赤' } },
  book: { category: 'BOOK', designation: 'BOOK', description: '文庫本', price: [100, 800], f: { condition: '帯なし', notes: '初版' } },
  clothing: { category: 'CLOTHING', description: 'ジャケット', price: [1_000, 30_000], f: { brand: 'BEAMS', colour: '紺', condition: '襟に名札跡' } },
  game: { category: 'TOOL', designation: 'GAME_SOFTWARE', description: 'ゲームソフト', price: [300, 6_000], f: { model: 'Nintendo Switch用', condition: '説明書あり' } },
} as const;
// Sales that must be recorded (施行規則18条): these categories at ¥10,000+, motorcycle bodies at any price.
const SALE_LEDGER = new Set(['WATCH_JEWELRY', 'AUTOMOBILE', 'MOTORCYCLE', 'ART']);

/** A tiny deterministic PRNG (mulberry32): the same seed gives the same ledger. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatedItem(i: number, date: string, rand: () => number, person: SeedParty): SeedItem {
  const kind = kindOf(i);
  const t = ITEM_TEMPLATES[kind];
  const ids = identifiersOf(i);
  const unitPrice = Math.round((t.price[0] + rand() * (t.price[1] - t.price[0])) / 100) * 100;
  const features: ItemFeatures = { ...t.f, serialNumber: ids.serial, imei: ids.imei, chassisNumber: ids.chassis, plateNumber: ids.plate, ownerName: kind === 'car' ? person.name : undefined };
  let disposal: SeedDisposal | undefined;
  if (rand() < 0.3) {
    const price = Math.round(unitPrice * (1.2 + rand() * 0.5));
    const ledgerRequired = SALE_LEDGER.has(t.category) && (price >= 10_000 || kind === 'motorcycle');
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1 + Math.floor(rand() * 90));
    // A car buyer's details are not recorded (法16条 ただし書); other recorded sales name the buyer.
    const buyer = ledgerRequired && kind !== 'car' ? personFor(1_000_003 + i) : null;
    disposal = { date: d.toISOString().slice(0, 10), price, ledgerRequired, buyer };
  }
  return { category: t.category, designation: 'designation' in t ? t.designation : 'NONE', description: t.description, unitPrice, isPhone: kind === 'phone', features, disposal };
}

/**
 * `items` generated items over `days` business days from `from`, across the stores, in one
 * transaction. Trade-ins hold 1-4 items; customers repeat; 2% are amended.
 */
export function seedLedger(db: Database.Database, opts: { storeIds: string[]; items: number; from: string; days: number; seed?: number; firstIndex?: number }) {
  const rand = rng(opts.seed ?? 1);
  const seeder = new LedgerSeeder(db);
  const start = Date.parse(`${opts.from}T00:00:00Z`);
  const people = Math.max(10, Math.floor(opts.items / 4));
  let tradeins = 0;
  let i = opts.firstIndex ?? 0;
  const end = i + opts.items;
  db.transaction(() => {
    while (i < end) {
      const n = Math.min(end - i, rand() < 0.6 ? 1 : 2 + Math.floor(rand() * 3));
      const date = new Date(start + Math.floor(rand() * opts.days) * 86_400_000).toISOString().slice(0, 10);
      const person = personFor(Math.floor(rand() * people));
      const items = Array.from({ length: n }, (_, k) => generatedItem(i + k, date, rand, person));
      const total = items.reduce((s, it) => s + it.unitPrice, 0);
      const ledger = total >= 10_000 || items.some((it) => ['BOOK', 'GAME_SOFTWARE', 'MOTORCYCLE_BODY'].includes(it.designation ?? ''));
      const doc: DocumentType = rand() < 0.7 ? 'DRIVERS_LICENSE' : 'MY_NUMBER_CARD';
      seeder.tradein({
        storeId: opts.storeIds[tradeins % opts.storeIds.length]!, date, items, ledgerRequired: ledger,
        counterparty: ledger ? person : null, verification: ledger ? { method: 'ACT15_1_1', documentType: doc } : null, version: rand() < 0.02 ? 2 : 1,
      });
      i += n;
      tradeins++;
    }
  })();
  return { items: opts.items, tradeins, nextIndex: end };
}
