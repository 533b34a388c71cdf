// Bearer-token authentication and role checks.
//
// Every route declares who may call it: `config: { access: 'public' | Role[] }`. A route that
// declares nothing fails start-up (fail-closed), and the route table collected here drives the
// role × route matrix test. Store scoping (a staff token sees only its stores; another store's
// record answers 404) is enforced by each domain's internal fetch helpers, not here.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import type { Actor, Role } from '../shared/context.js';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js';
import { sha256Hex } from '../shared/hash.js';

export type Access = 'public' | readonly Role[];

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export const ALL_ROLES: readonly Role[] = ['staff', 'dealer', 'compliance', 'admin'];

export function hashToken(token: string): string {
  return sha256Hex(token);
}

interface TokenRow {
  tokenId: string;
  userId: string;
  role: Role;
  storeIds: string | null;
}

export default fp(
  async (app: FastifyInstance, opts: { db: Db; now: () => Date }) => {
    const lookup = opts.db.$client.prepare(
      `SELECT t.id AS tokenId, u.id AS userId, u.role AS role,
              (SELECT group_concat(store_id) FROM user_stores us WHERE us.user_id = u.id) AS storeIds
       FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active = 1`,
    );
    app.decorate('routeTable', [] as RouteEntry[]);
    app.decorateRequest('actor', null);

    app.addHook('onRoute', (route) => {
      // Routes added by the API-docs plugin are public by design.
      if (route.url.startsWith('/docs')) route.config = { ...route.config, access: 'public' };
      const access = (route.config as { access?: Access } | undefined)?.access;
      if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) if (m !== 'HEAD') app.routeTable.push({ method: m, url: route.url, access });
    });

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const access = request.routeOptions.config?.access;
      if (!access || access === 'public') return;
      const header = request.headers.authorization;
      const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!m) throw new UnauthenticatedError();
      const row = lookup.get(hashToken(m[1]!), opts.now().toISOString()) as TokenRow | undefined;
      if (!row) throw new UnauthenticatedError('invalid_token', 'The token is unknown, expired or revoked.');
      request.actor = {
        userId: row.userId,
        role: row.role,
        storeIds: row.storeIds ? row.storeIds.split(',') : [],
        tokenId: row.tokenId,
      };
      if (!access.includes(row.role)) throw new ForbiddenError();
    });
  },
  { name: 'auth' },
);
