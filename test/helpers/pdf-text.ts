import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One pdfjs text item, in PDF user space (origin bottom-left, y is the baseline). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

export interface ExtractedPdf {
  /** Text of each page: items joined in content-stream order, lines separated by "\n". */
  pages: string[];
  /** All pages joined by form feeds. */
  text: string;
  /** Per page with every whitespace removed: extracted CJK often comes split or spaced. */
  compactPages: string[];
  compact: string;
  /** The document information dictionary (Title, Author, CreationDate, …). */
  info: Record<string, unknown>;
  /** Page sizes in points, [width, height]. */
  sizes: [number, number][];
  /** Positioned text items per page, for layout assertions (e.g. nothing overflows a cell). */
  items: PdfTextItem[][];
}

/**
 * Extracts text with pdfjs-dist's legacy build (the one meant for Node). In Node it runs its
 * worker in-process ("fake worker"), so no worker setup is needed; the fonts under test are
 * embedded, so no standard-font data or system fonts are loaded either.
 */
export async function extractPdfText(buf: Uint8Array): Promise<ExtractedPdf> {
  // pdfjs takes ownership of (detaches) the array it gets: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(buf),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    const sizes: [number, number][] = [];
    const items: PdfTextItem[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([x1 - x0, y1 - y0]);
      // No normalisation: assertions must see the code points in the PDF (e.g. 異体字 in names).
      const content = await page.getTextContent({ disableNormalization: true });
      let text = '';
      const positioned: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
        if (item.str.trim()) positioned.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
      }
      pages.push(text);
      items.push(positioned);
      page.cleanup();
    }
    const { info } = await pdf.getMetadata();
    const compactPages = pages.map(compactText);
    return {
      pages,
      text: pages.join('\f'),
      compactPages,
      compact: compactPages.join(''),
      info: { ...(info as Record<string, unknown>) },
      sizes,
      items,
    };
  } finally {
    await task.destroy();
  }
}

/** Removes all whitespace (including U+3000) so assertions ignore how lines were split. */
export function compactText(s: string): string {
  return s.replace(/\s+/gu, '');
}
