// Masking before storage: what the My Number Act and the Health Insurance Act forbid keeping is
// burnt out of images and scrubbed out of text here (DOMAIN rules 47, 48, 50, 51).
export { type CaptureDecision, type CapturePolicy, MyNumberBackRefusedError, decideCapture } from './policy.js';
export { detectQrRegions } from './detect-qr.js';
export { type Region, findSensitiveRegions } from './find-regions.js';
export { type MaskOptions, maskDocumentImage } from './mask-image.js';
export { scrubFields, scrubText } from './scrub-text.js';
