// Enumerates every route Fastify registered and checks each role against the expected table.
// A new route without an entry here fails this test: access is decided deliberately, per route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

type Expect = 'public' | Role[];
const A: Role[] = ['admin'];
const ALL: Role[] = ['staff', 'dealer', 'compliance', 'admin'];
const CA: Role[] = ['compliance', 'admin'];

/** "METHOD url" → who may call it. */
const EXPECTED: Record<string, Expect> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /me': ALL,
  'POST /stores': A,
  'GET /stores': ALL,
  'GET /stores/:id': ['staff', 'compliance', 'admin'],
  'PATCH /stores/:id': A,
  'POST /users': A,
  'GET /users': A,
  'PATCH /users/:id': A,
  'POST /users/:id/tokens': A,
  'GET /users/:id/tokens': A,
  'DELETE /tokens/:id': A,
  'GET /audit': CA,
  'GET /audit/verify': CA,
  // ledger
  'GET /ledger': ['staff', 'compliance', 'admin'],
  'GET /ledger/search': ['staff', 'compliance', 'admin'],
  'GET /ledger/print': ['staff', 'compliance', 'admin'],
  // trade-ins
  'POST /tradeins': ['staff', 'compliance'],
  'GET /tradeins/:id': ['staff', 'compliance', 'admin'],
  'PATCH /tradeins/:id': ['staff', 'compliance'],
  'DELETE /tradeins/:id': ['staff', 'compliance'],
  'PUT /tradeins/:id/verification': ['staff', 'compliance'],
  'PATCH /tradeins/:id/verification/steps': ['staff', 'compliance'],
  'POST /tradeins/:id/suspicion': ['staff', 'compliance'],
  'POST /tradeins/:id/complete': ['staff', 'compliance'],
  'POST /tradeins/:id/amendments': ['staff', 'compliance'],
  'GET /tradeins/:id/versions': ['staff', 'compliance', 'admin'],
  'POST /blocks/:id/resolve': ['staff', 'compliance'],
  'POST /items/:id/disposals': ['staff', 'compliance'],
  'POST /customers': ['staff', 'compliance'],
  'GET /customers/:id': ['staff', 'compliance'],
  'GET /customers': ['staff', 'compliance'],
  // police
  'POST /police/inquiries': ['compliance'],
  'GET /police/inquiries': ['compliance'],
  'GET /police/inquiries/:id': ['compliance'],
  'PATCH /police/inquiries/:id': ['compliance'],
  'POST /police/inquiries/:id/search': ['compliance'],
  'PUT /police/inquiries/:id/selection': ['compliance'],
  'POST /police/inquiries/:id/approve': ['compliance'],
  'POST /police/inquiries/:id/close': ['compliance'],
  'POST /police/inquiries/:id/exports': ['compliance'],
  'GET /police/exports/:id': ['compliance'],
  'GET /police/exports/:id/download': ['compliance'],
  'GET /police/provisions': CA,
  'POST /police/notices': ['compliance'],
  'POST /police/notices/import': ['compliance'],
  'GET /police/notices': CA,
  'GET /police/notices/:id': CA,
  'DELETE /police/notices/:id': ['compliance'],
  'POST /police/notice-matches/:id/resolve': ['compliance'],
  'POST /police/holds': ['compliance'],
  'GET /police/holds': CA,
  'POST /police/holds/:id/release': ['compliance'],
  'POST /police/suspicion-reports': ['staff', 'compliance'],
  'GET /police/suspicion-reports/:id': ['staff', 'compliance', 'admin'],
  'GET /police/suspicion-reports/:id/pdf': ['staff', 'compliance'],
  'GET /police/dashboard': CA,
  'GET /police/signing-key': ALL,
  // ID documents
  'POST /id-documents': ['staff', 'compliance'],
  'GET /id-documents/:id': ['staff', 'compliance'],
  'GET /id-documents/:id/image': ['staff', 'compliance'],
  'POST /id-documents/:id/acknowledge': ['staff', 'compliance'],
  'DELETE /id-documents/:id': ['staff', 'compliance'],
  // images
  'POST /items/:id/photos': ['staff', 'compliance'],
  'GET /items/:id/photos': ['staff', 'compliance'],
  'GET /photos/:id': ['staff', 'compliance'],
  'GET /photos/:id/renditions/:rendition': ['staff', 'compliance'],
  'GET /photos/:id/original': ['compliance'],
  'POST /photos/:id/regions': ['staff', 'compliance'],
  'PATCH /photos/:id/regions/:regionId': ['staff', 'compliance'],
  'POST /photos/:id/proposals': ['staff', 'compliance'],
  'GET /photo-feed': ['dealer'],
  'GET /photo-feed/:id/:rendition': ['dealer'],
  'POST /photo-opt-outs': ['dealer', 'compliance'],
  'GET /photo-opt-outs': ['dealer', 'compliance'],
  'POST /photo-opt-outs/:id/withdraw': ['dealer', 'compliance'],
  // privacy
  'POST /privacy/requests': ['staff', 'compliance'],
  'GET /privacy/requests': ['staff', 'compliance'],
  'GET /privacy/requests/:id': ['staff', 'compliance'],
  'POST /privacy/requests/:id/disclosures': ['compliance'],
  'GET /privacy/disclosures/:id/download': ['compliance'],
  'POST /privacy/requests/:id/corrections': ['compliance'],
  'POST /privacy/requests/:id/execute': ['compliance'],
  'POST /privacy/requests/:id/close': ['compliance'],
  'POST /privacy/provisions': ['staff', 'compliance'],
  'GET /privacy/provisions': ['compliance'],
  'GET /privacy/provisions/export': ['compliance'],
  'POST /privacy/customers/:id/opt-outs': ['staff', 'compliance'],
  'POST /privacy/opt-outs/:id/revoke': ['compliance'],
  'GET /privacy/customers/:id/marketing-consent': ['staff', 'compliance'],
  'PUT /privacy/customers/:id/marketing-consent': ['staff', 'compliance'],
  'GET /privacy/marketing-export': ['compliance'],
  'POST /privacy/incidents': ['compliance'],
  'GET /privacy/incidents': ['compliance'],
  'GET /privacy/incidents/:id': ['compliance'],
  'POST /privacy/purge': ['compliance', 'admin'],
  'GET /privacy/purge/runs': ['compliance', 'admin'],
};

let t: TestApp;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  t = await buildTestApp();
  const store = t.makeStore();
  for (const role of ALL) tokens[role] = t.tokenFor(role, role === 'staff' ? [store.id] : []).token;
});
afterAll(() => t.close());

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

describe('role × route matrix', () => {
  it('every registered route has an expected access entry, and the declared rule matches it', () => {
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/docs'));
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in EXPECTED));
    expect(missing).toEqual([]);
    for (const r of routes) {
      const want = EXPECTED[`${r.method} ${r.url}`]!;
      expect(r.access === 'public' ? 'public' : [...r.access].sort(), `${r.method} ${r.url}`).toEqual(
        want === 'public' ? 'public' : [...want].sort(),
      );
    }
    // and nothing stale in the table
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(Object.keys(EXPECTED).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('each role gets through where allowed and 403 elsewhere; no token gets 401', async () => {
    const routes = t.app.routeTable.filter((r) => !r.url.startsWith('/docs'));
    for (const r of routes) {
      const url = r.url.replace(/:[a-zA-Z]+/g, ZERO_ID);
      const want = EXPECTED[`${r.method} ${r.url}`]!;
      const anon = await t.inject({ method: r.method as 'GET', url });
      if (want === 'public') {
        expect(anon.statusCode, `${r.method} ${r.url} anonymous`).toBeLessThan(500);
        expect([401, 403]).not.toContain(anon.statusCode);
        continue;
      }
      expect(anon.statusCode, `${r.method} ${r.url} anonymous`).toBe(401);
      for (const role of ALL) {
        const res = await t.inject({ method: r.method as 'GET', url, token: tokens[role] });
        const label = `${r.method} ${r.url} as ${role}`;
        if (want.includes(role)) {
          expect([401, 403], label).not.toContain(res.statusCode);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
        }
      }
    }
  });

  it('the API docs are public', async () => {
    const res = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
  });
});
