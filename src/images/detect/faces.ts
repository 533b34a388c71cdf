// Faces in photos (issue #5: staff would otherwise have to draw them). The FaceDetector interface
// keeps the engine swappable and lets unit tests use a fake. The implementation is
// @vladmandic/human (maintained; BlazeFace model shipped inside the npm package, models/blazeface.*)
// on TensorFlow.js's WebAssembly backend: CPU only, nothing downloaded at install or at run time.
// Two quirks handled here: the package's `exports` map does not expose its node-wasm build (it is
// loaded by file path), and Node's fetch cannot read file:// URLs, so model files are served to
// tfjs from disk by a load router. Loaded lazily, once per process, on the first photo.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { Box } from './raster.js';

export interface FaceHit {
  /** Oriented, full-size pixel coordinates. */
  box: Box;
  score: number;
}

export interface FaceDetector {
  detect(image: Buffer, opts: { maxPixels: number }): Promise<FaceHit[]>;
}

/** Below this BlazeFace score, textures (a pie crust, a tie pattern) start to read as faces. */
const MIN_SCORE = 0.5;
const WORK_SIDE = 1024;

interface Tensor {
  dispose(): void;
}
interface HumanInstance {
  load(): Promise<void>;
  detect(input: Tensor): Promise<{ error?: string | null; face: Array<{ box: [number, number, number, number]; boxScore?: number; score: number }> }>;
  tf: { tensor3d(data: Uint8Array, shape: [number, number, number], dtype: 'int32'): Tensor; expandDims(t: Tensor, axis: number): Tensor };
}
interface HumanModule {
  Human: new (config: object) => HumanInstance;
}
interface TfCore {
  io: { registerLoadRouter(router: (url: string | string[]) => { load(): Promise<object> } | null): void };
}

const req = createRequire(import.meta.url);
let loading: Promise<HumanInstance> | null = null;

function fileRouter(url: string | string[]) {
  const u = Array.isArray(url) ? url[0] : url;
  if (typeof u !== 'string' || !u.startsWith('file://')) return null;
  const file = u.slice('file://'.length);
  return {
    async load() {
      const json = JSON.parse(await fs.promises.readFile(file, 'utf8')) as { modelTopology: object; format?: string; weightsManifest: Array<{ paths: string[]; weights: object[] }> };
      const dir = path.dirname(file);
      const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.promises.readFile(path.join(dir, p)))));
      const all = Buffer.concat(buffers);
      return { modelTopology: json.modelTopology, format: json.format, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) };
    },
  };
}

function loadHuman(): Promise<HumanInstance> {
  loading ??= (async () => {
    const dist = path.dirname(req.resolve('@vladmandic/human'));
    const tf = req('@tensorflow/tfjs-core') as TfCore;
    tf.io.registerLoadRouter(fileRouter);
    const { Human } = req(path.join(dist, 'human.node-wasm.js')) as HumanModule;
    const wasmDir = path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm'));
    const off = { enabled: false };
    const human = new Human({
      backend: 'wasm',
      wasmPath: `file://${wasmDir}/`,
      modelBasePath: `file://${path.join(dist, '..', 'models')}/`,
      debug: false,
      face: { enabled: true, detector: { rotation: false, maxDetected: 50, minConfidence: 0.3, return: false }, mesh: off, iris: off, description: off, emotion: off, antispoof: off, liveness: off },
      body: off,
      hand: off,
      object: off,
      gesture: off,
      segmentation: off,
      filter: off,
    });
    await human.load();
    return human;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export class HumanFaceDetector implements FaceDetector {
  async detect(image: Buffer, opts: { maxPixels: number }): Promise<FaceHit[]> {
    const human = await loadHuman();
    const { data, info } = await sharp(image, { limitInputPixels: opts.maxPixels })
      .autoOrient()
      .resize(WORK_SIDE, WORK_SIDE, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const meta = await sharp(image, { limitInputPixels: opts.maxPixels }).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    const fullW = (swap ? meta.height : meta.width) ?? info.width;
    const f = fullW / info.width;
    const tensor = human.tf.tensor3d(new Uint8Array(data.buffer, data.byteOffset, data.length), [info.height, info.width, 3], 'int32');
    const batch = human.tf.expandDims(tensor, 0);
    try {
      const result = await human.detect(batch);
      if (result.error) throw new Error('face detection failed');
      return result.face
        .map((x) => ({ score: x.boxScore ?? x.score, box: { x0: Math.max(0, Math.floor(x.box[0] * f)), y0: Math.max(0, Math.floor(x.box[1] * f)), x1: Math.ceil((x.box[0] + x.box[2]) * f), y1: Math.ceil((x.box[1] + x.box[3]) * f) } }))
        .filter((x) => x.score >= MIN_SCORE);
    } finally {
      tensor.dispose();
      batch.dispose();
    }
  }
}
