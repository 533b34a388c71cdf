// Pure identifier validators (no I/O). See each module for the DOMAIN rule it enforces.
export * from './chassis-number.js';
export * from './drivers-licence.js';
export * from './imei.js';
export * from './mrz.js';
export * from './my-number.js';
export * from './residence-card.js';
