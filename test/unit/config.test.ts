import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info' });
    expect(c.paths.dbFile).toMatch(/data\/daicho\.sqlite$/);
    expect(loadConfig({ OCR_LANG_WORKERS: '0' }).OCR_LANG_WORKERS).toBe(0);
    expect(c.OCR_LANG_WORKERS).toBe(2);
  });
  it('names the bad variable and stops', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ BODY_LIMIT: '-1' })).toThrow(/BODY_LIMIT/);
    expect(() => loadConfig({ OCR_LANG_WORKERS: '9' })).toThrow(/OCR_LANG_WORKERS/);
  });
});
