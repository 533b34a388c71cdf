// FakeOcrEngine: scripted results and the same back-pressure behaviour as the real pool.

import { describe, expect, it } from 'vitest';
import { FakeOcrEngine, textResult } from '../../src/identity/ocr/fake-engine.js';
import { UnavailableError } from '../../src/shared/errors.js';

const img = Buffer.from('not really an image');

describe('FakeOcrEngine', () => {
  it('returns scripted responses in call order, then the fallback', async () => {
    const ocr = new FakeOcrEngine({ respond: (_i, opts) => `fallback ${opts.lang}` });
    ocr.script('氏名 山田 太郎\n番号 第 309012345620 号', { text: 'partial', confidence: 42 }, new UnavailableError('ocr_timeout', 'slow'));
    const first = await ocr.recognize(img, { lang: 'jpn' });
    expect(first.lines.map((l) => l.text)).toEqual(['氏名 山田 太郎', '番号 第 309012345620 号']);
    expect(first.lines[1]!.words[2]!.text).toBe('309012345620');
    expect((await ocr.recognize(img, { lang: 'jpn' })).confidence).toBe(42);
    await expect(ocr.recognize(img, { lang: 'jpn' })).rejects.toMatchObject({ code: 'ocr_timeout' });
    expect((await ocr.recognize(img, { lang: 'eng' })).text).toBe('fallback eng\n');
    expect(ocr.calls).toHaveLength(4);
  });

  it('queues up to maxQueue and then refuses with ocr_queue_full', async () => {
    const ocr = new FakeOcrEngine({ delayMs: 30, workers: 1, maxQueue: 1 });
    const a = ocr.recognize(img, { lang: 'jpn' });
    const b = ocr.recognize(img, { lang: 'jpn' });
    expect(ocr.stats()).toEqual({ workers: 1, busy: 1, queued: 1, maxQueue: 1 });
    await expect(ocr.recognize(img, { lang: 'jpn' })).rejects.toMatchObject({ status: 503, code: 'ocr_queue_full' });
    await Promise.all([a, b]);
    expect(ocr.stats()).toMatchObject({ busy: 0, queued: 0 });
    ocr.forceQueueFull = true;
    await expect(ocr.recognize(img, { lang: 'jpn' })).rejects.toBeInstanceOf(UnavailableError);
  });

  it('is ready after ready(), and refuses after close()', async () => {
    const ocr = new FakeOcrEngine({ delayMs: 20 });
    expect(ocr.isReady()).toBe(false);
    await ocr.ready();
    expect(ocr.isReady()).toBe(true);
    const running = ocr.recognize(img, { lang: 'jpn' });
    const queued = ocr.recognize(img, { lang: 'jpn' }).catch((e: unknown) => e);
    await ocr.close();
    expect(await queued).toMatchObject({ code: 'ocr_closed' });
    await running;
    await expect(ocr.recognize(img, { lang: 'jpn' })).rejects.toMatchObject({ code: 'ocr_closed' });
  });

  it('textResult builds consistent line and word boxes', () => {
    const r = textResult('a bb\n\nccc');
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]!.words[1]!.bbox.x0).toBeGreaterThan(r.lines[0]!.words[0]!.bbox.x1);
    expect(r.text).toBe('a bb\n\nccc\n');
  });
});
