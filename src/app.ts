// buildApp(config, deps): the whole service as a Fastify instance. server.ts listens on it; tests
// call inject() on it. Plugins first, then each domain's routes.
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { adminRoutes } from './admin/routes.js';
import { auditRoutes } from './audit/routes.js';
import type { Config } from './config.js';
import { startCheckpointer } from './db/checkpointer.js';
import { type Db, durabilityOf, openDatabase } from './db/client.js';
import auth from './plugins/auth.js';
import { policeRoutes } from './police/routes.js';
import type { OcrEngine } from './identity/ocr/engine.js';
import { TesseractPool } from './identity/ocr/tesseract-pool.js';
import { identityRoutes } from './identity/routes.js';
import { imagesRoutes } from './images/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { startPurgeJob } from './privacy/purge/purge-job.js';
import { ledgerRoutes } from './tradeins/ledger-routes.js';
import { tradeinRoutes } from './tradeins/routes.js';
import type { AppState } from './plugins/context.js';
import errorHandler from './plugins/error-handler.js';
import { healthRoutes } from './plugins/health.js';
import { genReqId, loggerOptions } from './plugins/logging.js';
import type { BlobStore } from './shared/blob-store.js';
import { type Clock, type Deps, systemClock } from './shared/context.js';
import { openBlobStore } from './shared/open-blob-store.js';
import { gazetteer } from './identity/ocr/gazetteer.js';

declare module 'fastify' {
  interface FastifyRequest {
    commitMark: number;
  }
}

export interface BuildOptions extends Partial<Deps> {
  db?: Db;
  /** Where log lines go (default stdout); tests capture them to prove no personal data leaks. */
  logStream?: NodeJS.WritableStream;
}


/**
 * The OCR worker pool, fully offline (language data from npm packages, copied to DATA_DIR/tessdata).
 * Workers start and warm in the background; /ready reports ready once they are.
 */
function startOcr(config: Config, logger: FastifyBaseLogger): OcrEngine | null {
  if (!config.OCR_ENABLED) return null;
  const pool = new TesseractPool({
    logger,
    cacheDir: config.paths.tessdata,
    workers: config.OCR_WORKERS || undefined,
    maxQueue: config.OCR_MAX_QUEUE,
    langWorkers: config.OCR_LANG_WORKERS,
    jobTimeoutMs: config.OCR_JOB_TIMEOUT_MS,
  });
  // A failed warm-up leaves /ready at 503 and is retried per job by the pool; it must not crash start.
  pool.ready().catch(() => {});
  // The address list the parsers check against (0.1 s), built at start, not in the first upload.
  setImmediate(gazetteer);
  return pool;
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const db = opts.db ?? openDatabase(config.paths.dbFile, { durability: config.DURABILITY });
  const clock: Clock = opts.clock ?? systemClock;
  const blobs: BlobStore = opts.blobs ?? openBlobStore(config);
  await blobs.cleanTemp();
  const logger = loggerOptions(config.LOG_LEVEL);
  const app = Fastify({
    logger: opts.logStream && logger && typeof logger === 'object' ? { ...logger, stream: opts.logStream } : logger,
    genReqId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.BODY_LIMIT,
    // Unknown query/body fields are rejected by strict zod objects, not silently dropped.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const deps: Deps = { clock, blobs, ocr: opts.ocr ?? startOcr(config, app.log) };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // WAL checkpoints run on a worker thread, not inside a request's COMMIT (checkpointer.ts).
  const checkpointer = config.DURABILITY === 'group' && !opts.db ? startCheckpointer(db, config.paths.dbFile, { onError: (err) => app.log.error({ err }, 'checkpoint worker failed; SQLite checkpoints in-line again') }) : null;
  app.decorate('daicho', { db, config, deps, checkpointer } satisfies AppState);

  // Group commit: no response leaves before the commits made while it was handled are on disk.
  const durability = durabilityOf(db);
  app.addHook('onRequest', async (request) => {
    request.commitMark = durability.commits;
  });
  app.addHook('onSend', async (request) => {
    if (durability.commits > request.commitMark) await durability.barrier();
  });
  app.decorateRequest('commitMark', 0);

  await app.register(errorHandler);
  await app.register(auth, { db, now: () => clock.now() });
  await app.register(multipart, { limits: { fileSize: config.UPLOAD_LIMIT, files: 1, fields: 20, parts: 24 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'daicho', description: '古物営業法 compliance ledger API', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes);
  await app.register(adminRoutes);
  await app.register(auditRoutes);
  await app.register(tradeinRoutes);
  await app.register(ledgerRoutes);
  await app.register(policeRoutes);
  await app.register(identityRoutes);
  await app.register(privacyRoutes);
  await app.register(imagesRoutes);

  // Daily retention purge (APPI / 古物営業法18条): off with PURGE_ENABLED=false.
  const purgeJob = startPurgeJob({ db, config, deps, log: app.log });
  app.addHook('onClose', async () => {
    await purgeJob.stop();
    await deps.ocr?.close();
    await checkpointer?.stop();
    await durability.close();
    if (!opts.db) db.$client.close();
  });
  return app;
}
