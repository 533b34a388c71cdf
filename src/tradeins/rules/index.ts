// Pure trade-in rules: no I/O, no clock, no HTTP errors. Every decision carries DOMAIN rule numbers
// and articles. Callers (verbs) turn issues into ValidationError / IncompleteError.
export * from './categories.js';
export * from './completion.js';
export * from './counterparty.js';
export * from './designations.js';
export * from './methods.js';
export * from './minors.js';
export * from './reasons.js';
export * from './requirements.js';
export * from './retention.js';
export * from './sales.js';
export * from './trade-lines.js';
export * from './verification.js';
export * from './verification-documents.js';
export type { PendingStep, VerificationWarning } from './verification-findings.js';
export * from './verification-input.js';
