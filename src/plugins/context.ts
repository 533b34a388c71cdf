// Builds a verb's Ctx from a request: the route layer's only way to the database and engines.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Ctx, Deps } from '../shared/context.js';
import { UnauthenticatedError } from '../shared/errors.js';
import type { Checkpointer } from '../db/checkpointer.js';

export interface AppState {
  db: Db;
  config: Config;
  deps: Deps;
  /** The WAL checkpoint worker (group durability on the app's own database), else null. */
  checkpointer: Checkpointer | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    daicho: AppState;
  }
}

export function ctxOf(request: FastifyRequest): Ctx {
  const { db, config, deps } = request.server.daicho;
  if (!request.actor) throw new UnauthenticatedError();
  return { ...deps, db, config, actor: request.actor, requestId: String(request.id), log: request.log };
}
