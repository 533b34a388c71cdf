// Trade-in routes: thin adapters — validate, build ctx, call one verb.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { amendTradein, listVersions } from './amend-tradein.js';
import { completeTradein } from './complete-tradein.js';
import { createDisposal } from './create-disposal.js';
import { createTradein } from './create-tradein.js';
import { createCustomer, findCustomers, getCustomer } from './customers.js';
import { discardTradein } from './discard-tradein.js';
import { flagSuspicion } from './flag-suspicion.js';
import { getStore, getVisibleTradein, toView } from './internal.js';
import { recordVerification, updateVerificationSteps } from './record-verification.js';
import { resolveBlock } from './resolve-block.js';
import { IsoDate } from './rules/index.js';
import * as S from './schemas.js';
import { updateDraft } from './update-draft.js';

const counter = ['staff', 'compliance'] as const;
const readers = ['staff', 'compliance', 'admin'] as const;

export async function tradeinRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tradeins'];
  const id = { params: S.IdParams };

  r.post('/tradeins', { config: { access: counter }, schema: { tags, summary: 'Record a trade-in (買受け・交換・委託) as a draft; the answer lists what the law requires and what is missing', body: S.CreateTradein, response: { 201: S.Tradein } } }, async (req, reply) =>
    reply.code(201).send(createTradein({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/tradeins/:id', { config: { access: readers }, schema: { tags, summary: 'Get a trade-in with its requirements, verification, blocks and what is missing', ...id, response: { 200: S.Tradein } } }, async (req) => {
    const ctx = ctxOf(req);
    const row = getVisibleTradein(ctx.db, ctx.actor, req.params.id);
    return toView(ctx.db, row, getStore(ctx.db, row.storeId));
  });
  r.patch('/tradeins/:id', { config: { access: counter }, schema: { tags, summary: 'Edit a draft', ...id, body: S.UpdateDraft, response: { 200: S.Tradein } } }, async (req) =>
    updateDraft({ ctx: ctxOf(req), tradeinId: req.params.id, input: req.body }),
  );
  r.delete('/tradeins/:id', { config: { access: counter }, schema: { tags, summary: 'Discard a draft; a completed entry is refused until its retention ends (then anonymised)', ...id, response: { 200: z.object({ id: z.string(), outcome: z.enum(['discarded', 'anonymized']) }) } } }, async (req) =>
    discardTradein({ ctx: ctxOf(req), tradeinId: req.params.id }),
  );
  r.put('/tradeins/:id/verification', { config: { access: counter }, schema: { tags, summary: 'Record the identity check (相手方の確認)', ...id, body: S.RecordVerification, response: { 200: S.Tradein } } }, async (req) =>
    recordVerification({ ctx: ctxOf(req), tradeinId: req.params.id, input: req.body }),
  );
  r.patch('/tradeins/:id/verification/steps', { config: { access: counter }, schema: { tags, summary: 'Confirm pending steps (e.g. 転送不要郵便 arrived, payout account name)', ...id, body: S.UpdateSteps, response: { 200: S.Tradein } } }, async (req) =>
    updateVerificationSteps({ ctx: ctxOf(req), tradeinId: req.params.id, steps: req.body.steps }),
  );
  r.post('/tradeins/:id/suspicion', { config: { access: counter }, schema: { tags, summary: 'Flag suspected 不正品: opens a police-report task that blocks completion (Act 15(3))', ...id, body: S.FlagSuspicion, response: { 201: S.Tradein } } }, async (req, reply) =>
    reply.code(201).send(flagSuspicion({ ctx: ctxOf(req), tradeinId: req.params.id, reason: req.body.reason })),
  );
  r.post('/tradeins/:id/complete', { config: { access: counter }, schema: { tags, summary: 'Complete: validates every Act 16 field and the identity check; the entry then becomes immutable', ...id, response: { 200: S.Tradein } } }, async (req) =>
    completeTradein({ ctx: ctxOf(req), tradeinId: req.params.id }),
  );
  r.post('/tradeins/:id/amendments', { config: { access: counter }, schema: { tags, summary: 'Correct a completed entry; the original values stay in the history', ...id, body: S.Amend, response: { 200: S.Tradein } } }, async (req) =>
    amendTradein({ ctx: ctxOf(req), tradeinId: req.params.id, input: req.body }),
  );
  r.get('/tradeins/:id/versions', { config: { access: readers }, schema: { tags, summary: 'Amendment history', ...id, response: { 200: z.object({ items: z.array(S.Version) }) } } }, async (req) => ({
    items: listVersions({ ctx: ctxOf(req), tradeinId: req.params.id }),
  }));
  r.post('/blocks/:id/resolve', { config: { access: counter }, schema: { tags, summary: 'Resolve a block (report task, hold, notice match)', ...id, body: S.ResolveBlock, response: { 200: S.Block } } }, async (req) =>
    resolveBlock({ ctx: ctxOf(req), id: req.params.id, resolution: req.body.resolution, note: req.body.note }),
  );
  r.post('/items/:id/disposals', { config: { access: counter }, schema: { tags, summary: '払出し: sell, return a consignment, or return an item', ...id, body: S.CreateDisposal, response: { 201: S.Disposal } } }, async (req, reply) =>
    reply.code(201).send(createDisposal({ ctx: ctxOf(req), itemId: req.params.id, input: req.body })),
  );
  r.post('/customers', { config: { access: counter }, schema: { tags, summary: 'Create a customer', body: S.CreateCustomer, response: { 201: S.Customer } } }, async (req, reply) =>
    reply.code(201).send(createCustomer({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/customers/:id', { config: { access: counter }, schema: { tags, summary: 'Get a customer', ...id, response: { 200: S.Customer } } }, async (req) => getCustomer({ ctx: ctxOf(req), id: req.params.id }));
  r.get('/customers', { config: { access: counter }, schema: { tags, summary: 'Find a returning customer by name and date of birth', querystring: z.strictObject({ name: z.string().trim().min(1).max(100), dateOfBirth: IsoDate }), response: { 200: z.object({ items: z.array(S.Customer) }) } } }, async (req) => ({
    items: findCustomers({ ctx: ctxOf(req), ...req.query }),
  }));
}
