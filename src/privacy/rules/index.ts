export * from './leak-triage.js';
export * from './provisions.js';
export * from './requests.js';
export * from './retention.js';
