// A flow with distinctive personal values; the captured log lines must contain none of them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _e, cb) {
    lines.push(String(chunk));
    cb();
  },
});
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, build: { logStream: sink } });
});
afterAll(() => t.close());

const PERSONAL = ['髙橋𠮷子', '東京都品川区東五反田9-8-7-654', 'ﾀｶﾊｼﾖｼｺ', '123456789018'];

describe('logs', () => {
  it('carry request ids but no personal values, tokens or query strings', async () => {
    await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: { name: PERSONAL[0], permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: PERSONAL[1] } });
    await t.inject({ method: 'POST', url: '/users', token: t.adminToken, payload: { name: PERSONAL[2], role: 'compliance' } });
    await t.inject({ method: 'GET', url: `/audit?entityId=${encodeURIComponent(PERSONAL[3]!)}`, token: t.adminToken });
    await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: { name: PERSONAL[0], bogus: PERSONAL[1] } });
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('requestId');
    for (const v of PERSONAL) expect(all).not.toContain(v);
    expect(all).not.toContain(t.adminToken);
    expect(all).not.toContain(encodeURIComponent(PERSONAL[3]!));
  });
});
