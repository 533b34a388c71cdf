// Katakana words of Japanese building names. The OCR model drops or adds the voicing marks
// (テ for デ, ホ for ポ) and now and then reads a kana twice, once with its mark and once without
// (コーボポ). In an address, a run of katakana that differs from one of these words only so is
// that word. The list holds the loanwords apartment and office buildings are named with all over
// Japan, not any one building's name; a word not on it is left as read.

const WORDS = [
  'マンション', 'レジデンス', 'レジデンシャル', 'ハイツ', 'コーポ', 'メゾン', 'パーク', 'ハウス', 'グラン',
  'グランド', 'ヴィラ', 'コート', 'プラザ', 'タワー', 'ガーデン', 'テラス', 'ヒルズ', 'シティ', 'ロイヤル',
  'パレス', 'カーサ', 'ドミール', 'フラット', 'アパート', 'ハイム', 'ライオンズ', 'ステージ', 'スクエア',
  'プレイス', 'ヴィレッジ', 'フォレスト', 'エステート', 'ソレイユ', 'アーバン', 'セントラル', 'ビルディング',
];

/** The kana without its voicing mark: デ → テ, ポ → ホ. */
const base = (s: string) => [...s].map((c) => c.normalize('NFD')[0]).join('');

const BY_BASE = new Map(WORDS.map((w) => [base(w), w]));
/** Longest first: レジデンシャル before レジデンス. */
const LENGTHS = [...new Set(WORDS.map((w) => w.length))].sort((a, b) => b - a);

/** The word `read` is, with one kana read twice (the pair differing only in its mark) dropped. */
function withoutStutter(read: string): string | undefined {
  for (let j = 1; j < read.length; j++) {
    if (read[j] === read[j - 1] || base(read[j]!) !== base(read[j - 1]!)) continue;
    for (const drop of [j - 1, j]) {
      const w = BY_BASE.get(base(read.slice(0, drop) + read.slice(drop + 1)));
      if (w) return w;
    }
  }
  return undefined;
}

/** Katakana building words in an address set right where they differ only in voicing marks or a stutter. */
export function fixBuildingWords(address: string): string {
  return address.replace(/[\p{sc=Katakana}ー]{3,}/gu, (run) => {
    let out = '';
    let i = 0;
    while (i < run.length) {
      let taken = false;
      for (const n of LENGTHS) {
        // A stutter first: its first n kana alone may already look like the word (コーボ|ポ).
        const stutter = run.length - i > n ? withoutStutter(run.slice(i, i + n + 1)) : undefined;
        if (stutter?.length === n) {
          out += stutter;
          i += n + 1;
          taken = true;
          break;
        }
        const exact = run.slice(i, i + n);
        const word = exact.length === n ? BY_BASE.get(base(exact)) : undefined;
        if (word) {
          out += word;
          i += n;
          taken = true;
          break;
        }
      }
      if (!taken) out += run[i++];
    }
    return out;
  });
}
