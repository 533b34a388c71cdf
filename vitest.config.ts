import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // OCR and PDF tests start real tesseract workers and render real fonts: give them room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: forks keep native modules (better-sqlite3, sharp) isolated per test file.
    pool: 'forks',
    maxWorkers: 2,
  },
});
