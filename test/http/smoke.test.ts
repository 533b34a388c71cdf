import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('smoke', () => {
  it('health and ready', async () => {
    expect((await t.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database).toBe(true);
  });
  it('admin creates a store; staff sees only theirs', async () => {
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: { name: '本店', permitNumber: '30123', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都港区1-1' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings[0].code).toBe('permit_number_not_12_digits');
    const other = t.makeStore();
    const staff = t.tokenFor('staff', [res.json().id]);
    const list = await t.inject({ method: 'GET', url: '/stores', token: staff.token });
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([res.json().id]);
    const hidden = await t.inject({ method: 'GET', url: `/stores/${other.id}`, token: staff.token });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
  });
});
