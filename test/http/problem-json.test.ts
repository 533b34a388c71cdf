import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { BODY_LIMIT: '4096' } });
});
afterAll(() => t.close());

function expectProblem(res: Awaited<ReturnType<TestApp['inject']>>, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const p = res.json();
  expect(p).toMatchObject({ status, code, type: `urn:daicho:problem:${code}`, title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  return p;
}

const valid = { name: '本店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都港区1-1' };
const stores = () => (t.app.daicho.db.$client.prepare('SELECT count(*) n FROM stores').get() as { n: number }).n;

describe('problem+json', () => {
  it('400 lists the failing field paths, never the submitted values, and writes nothing', async () => {
    const before = stores();
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: { ...valid, name: 12345, secretField: '山田花子の秘密', permitNumber: '' } });
    const p = expectProblem(res, 400, 'validation_failed');
    const paths = p.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.name', 'body.permitNumber', 'body.secretField']);
    expect(res.body).not.toContain('山田花子');
    expect(res.body).not.toContain('12345');
    expect(stores()).toBe(before);
  });

  it('400 for malformed JSON', async () => {
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
    expectProblem(res, 400, 'malformed_json');
  });

  it('401 without a token, with an unknown, an expired and a revoked token', async () => {
    expectProblem(await t.inject({ method: 'GET', url: '/me' }), 401, 'unauthenticated');
    expectProblem(await t.inject({ method: 'GET', url: '/me', token: 'dch_nope' }), 401, 'invalid_token');
    const { token, userId } = t.tokenFor('compliance');
    expect((await t.inject({ method: 'GET', url: '/me', token })).statusCode).toBe(200);
    const list = (await t.inject({ method: 'GET', url: `/users/${userId}/tokens`, token: t.adminToken })).json();
    await t.inject({ method: 'DELETE', url: `/tokens/${list.items[0].id}`, token: t.adminToken });
    expectProblem(await t.inject({ method: 'GET', url: '/me', token }), 401, 'invalid_token');
    const exp = t.tokenFor('compliance');
    t.app.daicho.db.$client.prepare(`UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?`).run(exp.userId);
    expectProblem(await t.inject({ method: 'GET', url: '/me', token: exp.token }), 401, 'invalid_token');
  });

  it('401 for a deactivated user', async () => {
    const u = t.tokenFor('compliance');
    await t.inject({ method: 'PATCH', url: `/users/${u.userId}`, token: t.adminToken, payload: { active: false } });
    expectProblem(await t.inject({ method: 'GET', url: '/me', token: u.token }), 401, 'invalid_token');
  });

  it('403 for a role that may not', async () => {
    const staff = t.tokenFor('staff', [t.makeStore().id]);
    expectProblem(await t.inject({ method: 'POST', url: '/stores', token: staff.token, payload: valid }), 403, 'forbidden');
  });

  it('404 for unknown routes and for records outside the caller’s stores', async () => {
    expectProblem(await t.inject({ method: 'GET', url: '/nope' }), 404, 'route_not_found');
    const staff = t.tokenFor('staff', [t.makeStore().id]);
    expectProblem(await t.inject({ method: 'GET', url: `/stores/${t.makeStore().id}`, token: staff.token }), 404, 'not_found');
  });

  it('413 for an oversized body, nothing written', async () => {
    const before = stores();
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: { ...valid, address: 'あ'.repeat(5000) } });
    expectProblem(res, 413, 'body_too_large');
    expect(stores()).toBe(before);
  });

  it('500 never echoes internals', async () => {
    const c = t.app.daicho.db.$client;
    c.exec(`CREATE TRIGGER boom BEFORE INSERT ON stores BEGIN SELECT RAISE(ABORT, 'INTERNAL-SECRET-DETAIL /var/lib'); END;`);
    try {
      const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: valid });
      const p = expectProblem(res, 500, 'internal_error');
      expect(JSON.stringify(p)).not.toMatch(/INTERNAL-SECRET|stack|\/var\/lib|sqlite/i);
    } finally {
      c.exec('DROP TRIGGER boom');
    }
  });

  it('echoes a safe X-Request-Id as requestId', async () => {
    const res = await t.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'abc-12345678' } });
    expect(res.json().requestId).toBe('abc-12345678');
  });
});
