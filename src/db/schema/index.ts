// Every table, in one place (drizzle.config.ts points drizzle-kit here).
export * from './audit.js';
export * from './stores.js';
export * from './tradeins.js';
export * from './id-documents.js';
export * from './police.js';
export * from './privacy.js';
export * from './images.js';
