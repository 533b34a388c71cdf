// The only reader of process.env. Parsed once at start; everything else receives a Config.
// A bad value stops start-up with a message that names the variable (never its value: a
// MASTER_KEY must not end up in a terminal scroll-back).
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().min(1024).max(1024 * 1024 * 1024);

export const ConfigSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 32 bytes as 64 hex chars or base64. When absent, DATA_DIR/master.key is used (created 0600). */
  MASTER_KEY: z.string().min(1).optional(),
  /**
   * 'group' (default): commits do not fsync; every response after a commit awaits one shared WAL
   * fsync (group commit). 'full': SQLite's synchronous=FULL, one fsync inside every commit. Both
   * answer 2xx only for writes that are on disk.
   */
  DURABILITY: z.enum(['group', 'full']).default('group'),
  /** JSON bodies. */
  BODY_LIMIT: bytes.default(1024 * 1024),
  /** Multipart image uploads (ID documents, photos). */
  UPLOAD_LIMIT: bytes.default(15 * 1024 * 1024),
  /** Decoded pixel ceiling for any uploaded image: guards decompression bombs. */
  MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).default(40_000_000),
  /** OCR worker pool; 0 = one per CPU. */
  OCR_WORKERS: z.coerce.number().int().min(0).max(32).default(0),
  OCR_MAX_QUEUE: z.coerce.number().int().min(1).max(10_000).default(32),
  OCR_LANG_WORKERS: z.coerce.number().int().min(0).max(4).default(2),
  OCR_JOB_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** Start OCR workers at boot (production). Tests of non-OCR features switch it off. */
  OCR_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** The daily retention purge in this process (APPI / 古物営業法18条); off when an external scheduler runs the CLI. */
  PURGE_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** When the daily purge runs, HH:MM in Asia/Tokyo. */
  PURGE_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
    .default('03:30'),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** Absolute paths derived once. */
  paths: { dataDir: string; dbFile: string; blobDir: string; tmpDir: string; keyFile: string; tessdata: string };
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${names.join('; ')}`);
  }
  return withPaths(parsed.data);
}

/** Build a Config from explicit values (tests), applying the same defaults and checks. */
export function makeConfig(values: Partial<Record<keyof z.input<typeof ConfigSchema>, string | number>>): Config {
  const env = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  return loadConfig(env);
}

/**
 * The environment for a child process of ours (the police packet job) that must load this same
 * configuration: the parent's, with the values that may have come from elsewhere (tests build a
 * Config without an environment) written back.
 */
export function childEnv(config: Config): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: config.paths.dataDir, LOG_LEVEL: config.LOG_LEVEL, ...(config.MASTER_KEY ? { MASTER_KEY: config.MASTER_KEY } : {}) };
}

function withPaths(c: z.infer<typeof ConfigSchema>): Config {
  const dataDir = path.resolve(c.DATA_DIR);
  return {
    ...c,
    paths: {
      dataDir,
      dbFile: path.join(dataDir, 'daicho.sqlite'),
      blobDir: path.join(dataDir, 'blobs'),
      tmpDir: path.join(dataDir, 'tmp'),
      keyFile: path.join(dataDir, 'master.key'),
      tessdata: path.join(dataDir, 'tessdata'),
    },
  };
}
