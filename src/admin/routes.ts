// Stores, users and tokens. Thin adapters: validate, build ctx, call one verb.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../plugins/auth.js';
import { ctxOf } from '../plugins/context.js';
import { createStore } from './create-store.js';
import { createToken } from './create-token.js';
import { createUser } from './create-user.js';
import { getVisibleStore } from './internal.js';
import { listStores } from './list-stores.js';
import { listTokens } from './list-tokens.js';
import { listUsers } from './list-users.js';
import { revokeToken } from './revoke-token.js';
import * as S from './schemas.js';
import { updateStore } from './update-store.js';
import { updateUser } from './update-user.js';

const admin = ['admin'] as const;

export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get('/me', { config: { access: ALL_ROLES }, schema: { tags, summary: 'Who am I', response: { 200: S.Me } } }, async (req) => {
    const { userId, role, storeIds } = ctxOf(req).actor;
    return { userId, role, storeIds };
  });

  r.post('/stores', { config: { access: admin }, schema: { tags, summary: 'Create a store (営業所)', body: S.CreateStore, response: { 201: S.StoreWithWarnings } } }, async (req, reply) =>
    reply.code(201).send(createStore({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/stores', { config: { access: ALL_ROLES }, schema: { tags, summary: 'List stores visible to the caller', response: { 200: z.object({ items: z.array(S.Store) }) } } }, async (req) => ({
    items: listStores({ ctx: ctxOf(req) }),
  }));
  r.get('/stores/:id', { config: { access: ['staff', 'compliance', 'admin'] }, schema: { tags, summary: 'Get a store', params: S.IdParams, response: { 200: S.Store } } }, async (req) => {
    const ctx = ctxOf(req);
    return getVisibleStore(ctx.db, ctx.actor, req.params.id);
  });
  r.patch('/stores/:id', { config: { access: admin }, schema: { tags, summary: 'Update a store', params: S.IdParams, body: S.UpdateStore, response: { 200: S.StoreWithWarnings } } }, async (req) =>
    updateStore({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );

  r.post('/users', { config: { access: admin }, schema: { tags, summary: 'Create a user', body: S.CreateUser, response: { 201: S.User } } }, async (req, reply) =>
    reply.code(201).send(createUser({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/users', { config: { access: admin }, schema: { tags, summary: 'List users', response: { 200: z.object({ items: z.array(S.User) }) } } }, async (req) => ({
    items: listUsers({ ctx: ctxOf(req) }),
  }));
  r.patch('/users/:id', { config: { access: admin }, schema: { tags, summary: 'Update a user (name, active, stores)', params: S.IdParams, body: S.UpdateUser, response: { 200: S.User } } }, async (req) =>
    updateUser({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );

  r.post('/users/:id/tokens', { config: { access: admin }, schema: { tags, summary: 'Create an API token (shown once)', params: S.IdParams, body: S.CreateToken, response: { 201: S.CreatedToken } } }, async (req, reply) =>
    reply.code(201).send(createToken({ ctx: ctxOf(req), userId: req.params.id, input: req.body })),
  );
  r.get('/users/:id/tokens', { config: { access: admin }, schema: { tags, summary: "List a user's tokens (no secrets)", params: S.IdParams, response: { 200: z.object({ items: z.array(S.Token) }) } } }, async (req) => ({
    items: listTokens({ ctx: ctxOf(req), userId: req.params.id }),
  }));
  r.delete('/tokens/:id', { config: { access: admin }, schema: { tags, summary: 'Revoke a token', params: S.IdParams, response: { 200: S.Token } } }, async (req) =>
    revokeToken({ ctx: ctxOf(req), id: req.params.id }),
  );
}
