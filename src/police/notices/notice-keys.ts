// How a 品触れ item and a ledger item are compared (DOMAIN rule 33: "by IMEI, serial, chassis
// number, features"). Identifiers use the ledger's own normal form, so an exact normalised
// identifier is a hit. brand + model + colour, all three present and equal after normalising, is
// a lower-confidence "review": many goods share them, so staff look before reporting.
import { normalizeIdentifier } from '../../shared/japanese.js';

export const IDENTIFIER_COLUMNS = {
  serialNumber: 'serial_norm',
  imei: 'imei_norm',
  chassisNumber: 'chassis_norm',
  plateNumber: 'plate_norm',
} as const;
export type IdentifierKind = keyof typeof IDENTIFIER_COLUMNS;
/** The same, as the camelCase fields of a row. */
export const NORM_FIELDS = { serialNumber: 'serialNorm', imei: 'imeiNorm', chassisNumber: 'chassisNorm', plateNumber: 'plateNorm' } as const;
export const IDENTIFIER_KINDS = Object.keys(IDENTIFIER_COLUMNS) as IdentifierKind[];

const norm = (s: string | null | undefined): string | null => (s ? normalizeIdentifier(s) || null : null);

export interface IdentifierNorms {
  serialNorm: string | null;
  imeiNorm: string | null;
  chassisNorm: string | null;
  plateNorm: string | null;
}

export function identifierNorms(f: Partial<Record<IdentifierKind, string | null>>): IdentifierNorms {
  return { serialNorm: norm(f.serialNumber), imeiNorm: norm(f.imei), chassisNorm: norm(f.chassisNumber), plateNorm: norm(f.plateNumber) };
}

/** Every distinct normalised identifier, whatever its kind (a notice may file an IMEI as 製造番号). */
export function identifierValues(n: IdentifierNorms): string[] {
  return [...new Set([n.serialNorm, n.imeiNorm, n.chassisNorm, n.plateNorm].filter((v): v is string => !!v))];
}

/** brand|model|colour in normal form, or null unless all three are given. */
export function descKey(f: { brand?: unknown; model?: unknown; colour?: unknown }): string | null {
  const parts = [f.brand, f.model, f.colour].map((v) => (typeof v === 'string' ? normalizeIdentifier(v) : ''));
  return parts.every((p) => p !== '') ? parts.join('|') : null;
}
