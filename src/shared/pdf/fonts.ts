import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans JP (OFL) from @expo-google-fonts/noto-sans-jp. We resolve the TTF files directly and
 * never import the package index: it is React Native code. Static TTF (not WOFF2: pdfkit 0.20
 * renders WOFF2 glyphs blank without an error). It covers rare name kanji such as 𠮷, 髙 and 﨑.
 */
const require = createRequire(import.meta.url);

export const FONT_REGULAR = 'NotoSansJP-Regular';
export const FONT_BOLD = 'NotoSansJP-Bold';

const FONT_FILES = {
  [FONT_REGULAR]: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  [FONT_BOLD]: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export type JapaneseFontName = keyof typeof FONT_FILES;

// Each TTF is 5.4 MB: read it once per process. pdfkit parses the buffer lazily per document
// (fontkit reads tables on demand), which measured about 10 ms, so caching the bytes is enough.
const cache = new Map<JapaneseFontName, Buffer>();

export function japaneseFontBytes(name: JapaneseFontName): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[name]));
    cache.set(name, bytes);
  }
  return bytes;
}
