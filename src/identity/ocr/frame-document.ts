// Where the document is in a photo of it. At the counter a card is photographed lying on a desk:
// the full camera frame (12 MP) holds the card in its middle and the desk around it. Read as it
// is, the reader gets a card at some unknown size (slower the larger it is, and off the scale it
// reads best at) plus the desk's edges and grain. So the document is found first and the image cut
// to it; what is stored is then the document, not the desk and whatever else lay on it.
//
// Method (on a grey thumbnail): Otsu's threshold splits it into light and dark; the connected
// regions of either class that touch the frame's edge are the surroundings; the document is the
// box around everything else, widened by a margin. A document that fills the frame (a scan, a
// close-up) touches the edges itself, and then what is left is its print: many small pieces, most
// often spread over most of the frame. Only a box well inside the frame that one body (the card)
// mostly fills is taken as a document lying in a larger scene.

import { components } from '../../images/detect/raster.js';
import type { BBox } from './engine.js';
import { type Decoded, sharpOf, toPixels } from './pixels.js';

/** Long side of the thumbnail the document is looked for on. */
const THUMB = 240;
/** A box must cover less than this share of the frame to be cut to. */
const MAX_AREA_SHARE = 0.5;
/** ...and more than this share (smaller is a detail of the scene, not the document). */
const MIN_AREA_SHARE = 0.08;
/** The document's body (one connected region) must fill at least this share of its box. */
const BODY_SHARE = 0.4;
/** Margin around the box, as a share of its size: the card's own edge and corners stay in. */
const MARGIN = 0.04;

function otsu(g: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of g) hist[v]!++;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = g.length - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * The box (in the pixels' coordinates) of a document lying well inside the frame, or null when
 * the document fills the frame or none stands out. `g` is a w × h grey image.
 */
export function documentBoxIn(g: Uint8Array, w: number, h: number): BBox | null {
  const t = otsu(g);
  const light = new Uint8Array(w * h);
  const dark = new Uint8Array(w * h);
  for (let i = 0; i < light.length; i++) {
    light[i] = g[i]! > t ? 1 : 0;
    dark[i] = 1 - light[i]!;
  }
  // The surroundings are the regions of either class that touch the frame's edge; the rest is in it.
  const inner = [...components(light, w, h), ...components(dark, w, h)].filter((c) => c.x0 > 0 && c.y0 > 0 && c.x1 < w && c.y1 < h);
  if (!inner.length) return null;
  const x0 = Math.min(...inner.map((c) => c.x0));
  const y0 = Math.min(...inner.map((c) => c.y0));
  const x1 = Math.max(...inner.map((c) => c.x1));
  const y1 = Math.max(...inner.map((c) => c.y1));
  const boxArea = (x1 - x0) * (y1 - y0);
  const area = boxArea / (w * h);
  if (area >= MAX_AREA_SHARE || area <= MIN_AREA_SHARE) return null;
  // A document lying in a scene is one body (its card or paper) inside the box. Print on a page
  // that fills the frame is many small pieces (the paper itself touches the edge): a page whose
  // print happens to cover less than half the frame is not cut into.
  if (Math.max(...inner.map((c) => c.area)) < BODY_SHARE * boxArea) return null;
  const mx = Math.ceil((x1 - x0) * MARGIN);
  const my = Math.ceil((y1 - y0) * MARGIN);
  return { x0: Math.max(0, x0 - mx), y0: Math.max(0, y0 - my), x1: Math.min(w, x1 + mx), y1: Math.min(h, y1 + my) };
}

/**
 * Grey thumbnail of `image` by nearest-neighbour sampling: the structure looked for (a card against
 * a desk) is many pixels large, and sampling costs well under a millisecond where a filtered resize
 * of the full image costs several.
 */
function thumbnail(image: Decoded): { g: Uint8Array; w: number; h: number } {
  const scale = Math.min(1, THUMB / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const { data, channels: c } = image;
  const g = new Uint8Array(w * h);
  for (let ty = 0; ty < h; ty++) {
    const row = Math.min(image.height - 1, Math.floor(((ty + 0.5) * image.height) / h)) * image.width;
    for (let tx = 0; tx < w; tx++) {
      const o = (row + Math.min(image.width - 1, Math.floor(((tx + 0.5) * image.width) / w))) * c;
      // Luma (BT.601 weights in /256); grey images have it already.
      g[ty * w + tx] = c >= 3 ? (data[o]! * 77 + data[o + 1]! * 150 + data[o + 2]! * 29) >> 8 : data[o]!;
    }
  }
  return { g, w, h };
}

/** The document's box in `image`, or null (see the file comment). */
export function findDocumentBox(image: Decoded): BBox | null {
  const { g, w, h } = thumbnail(image);
  const box = documentBoxIn(g, w, h);
  if (!box) return null;
  const sx = image.width / w;
  const sy = image.height / h;
  return {
    x0: Math.max(0, Math.floor(box.x0 * sx)),
    y0: Math.max(0, Math.floor(box.y0 * sy)),
    x1: Math.min(image.width, Math.ceil(box.x1 * sx)),
    y1: Math.min(image.height, Math.ceil(box.y1 * sy)),
  };
}

/**
 * Long side a document is read at, at most: a card as the reader was tuned on (a 1000 px card,
 * a 1250 px passport page), a portrait page (A4, 150 dpi) a little larger for its small print.
 * Larger only costs time: a card read at 2000 px took 20-60% longer than at 1000 px.
 */
const MAX_CARD_SIDE = 1280;
const MAX_PAGE_SIDE = 1800;

/**
 * The document in `image`: cut to it when it lies well inside a larger scene, and scaled down to
 * the size it is read at. Returns `image` itself when neither applies.
 */
export async function frameDocument(image: Decoded): Promise<{ pixels: Decoded; cropped: boolean }> {
  const box = findDocumentBox(image);
  const w = box ? box.x1 - box.x0 : image.width;
  const h = box ? box.y1 - box.y0 : image.height;
  const max = h > w * 1.15 ? MAX_PAGE_SIDE : MAX_CARD_SIDE;
  const scale = Math.min(1, max / Math.max(w, h));
  if (!box && scale === 1) return { pixels: image, cropped: false };
  let img = sharpOf(image);
  if (box) img = img.extract({ left: box.x0, top: box.y0, width: w, height: h });
  if (scale < 1) img = img.resize({ width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)), fit: 'fill' });
  return { pixels: await toPixels(img), cropped: !!box };
}
