// Builds the real app on a fresh SQLite file and data folder per call (one per test file), with
// explicit config. Seeds an admin and returns helpers to make stores, users and tokens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type BuildOptions, buildApp } from '../../src/app.js';
import { createStore } from '../../src/admin/create-store.js';
import { createToken } from '../../src/admin/create-token.js';
import { createUser } from '../../src/admin/create-user.js';
import { type Config, makeConfig } from '../../src/config.js';
import { type Ctx, type Role, SYSTEM_ACTOR } from '../../src/shared/context.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  dataDir: string;
  /** A context acting as the system (for seeding through the real verbs). */
  sys: Ctx;
  adminToken: string;
  close(): Promise<void>;
  /** Creates a user with the role (staff bound to storeIds) and returns a bearer token. */
  tokenFor(role: Role, storeIds?: string[]): { token: string; userId: string };
  makeStore(overrides?: Partial<Parameters<typeof createStore>[0]['input']>): { id: string };
  inject(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
}

let counter = 0;

export async function buildTestApp(opts: { env?: Record<string, string>; build?: BuildOptions } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-test-'));
  // No OCR workers and no daily purge timer unless a test asks for them.
  const config = makeConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', OCR_ENABLED: 'false', PURGE_ENABLED: 'false', ...opts.env });
  const app = await buildApp(config, opts.build);
  await app.ready();
  const { db, deps } = app.daicho;
  const sys: Ctx = { ...deps, db, config, actor: SYSTEM_ACTOR, requestId: null, log: app.log };

  const tokenFor = (role: Role, storeIds: string[] = []) => {
    const user = createUser({ ctx: sys, input: { name: `${role}-${++counter}`, role, storeIds } });
    const t = createToken({ ctx: sys, userId: user.id, input: { name: 'test', expiresInDays: 30 } });
    return { token: t.token, userId: user.id };
  };
  const makeStore = (overrides = {}) =>
    createStore({
      ctx: sys,
      input: {
        name: `テスト商店 ${++counter}号店`,
        permitNumber: '301234567890',
        commission: '東京都公安委員会',
        prefecture: '東京都',
        address: '東京都千代田区霞が関2-1-1',
        minorPolicy: 'allow_with_guardian',
        isSignatureVerifier: false,
        ...overrides,
      },
    });
  const adminToken = tokenFor('admin').token;
  return {
    app,
    config,
    dataDir,
    sys,
    adminToken,
    tokenFor,
    makeStore,
    inject: ({ token, ...o }) =>
      app.inject({ ...o, headers: { ...(o.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
