// Loaders for the fixed Japanese wording of the police documents (templates/police-*.json). The
// files are data that people edit: each is validated here, so a broken template fails loudly at
// the first render instead of producing a garbled letter to the police.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const s = z.string();
const basis = z.object({ act22_3: s, ccp197_2: s, warrant: s, notice_followup: s, other: s });

export const AnswerLetterTemplate = z.object({
  title: s,
  subtitles: basis,
  legalBasis: basis,
  addressee: s,
  officer: s,
  date: s,
  sender: z.array(s),
  body: s,
  basisNote: s,
  minimal: s,
  recordsHeading: s,
  recordsSummary: s,
  columns: z.array(z.object({ key: z.enum(['no', 'date', 'kind', 'item', 'identifiers', 'counterparty', 'store']), label: s, width: z.number().min(16) })).length(7),
  attachmentsHeading: s,
  attachments: z.array(s),
  integrity: s.includes('{fingerprint}'),
  closing: s,
  pageNumber: s.includes('{page}'),
});
export type AnswerLetterTemplate = z.infer<typeof AnswerLetterTemplate>;

const kinds = z.object({
  intake: z.object({ purchase: s, exchange: s, consignment: s }),
  disposal: z.object({ sale: s, consignment_return: s, return: s }),
});

export const RecordsTemplate = z.object({
  title: s,
  recordHeading: s,
  sections: z.object({ ledger: s, disposal: s, verification: s, staff: s, amendments: s, images: s }),
  fields: z.record(s, s),
  amendmentColumns: z.array(s).length(5),
  kinds,
  verificationStatus: z.object({ verified: s, pending: s, rejected: s }),
  matchedOn: z.record(s, s),
  sides: z.record(s, s),
  imageCaption: z.object({ id_document: s, item_photo: s }),
  noImages: s,
  noAmendments: s,
  none: s,
  ageUnit: s.includes('{age}'),
  csvColumns: z.record(s, s),
});
export type RecordsTemplate = z.infer<typeof RecordsTemplate>;

export const SuspicionReportTemplate = z.object({
  title: s,
  subtitle: s,
  sections: z.object({ report: s, transaction: s, items: s, counterparty: s }),
  fields: z.record(s, s),
  channels: z.object({ phone: s, visit: s }),
  kinds: z.object({ purchase: s, exchange: s, consignment: s }),
  itemColumns: z.array(s).length(5),
  none: s,
  ageUnit: s.includes('{age}'),
  pageNumber: s.includes('{page}'),
});
export type SuspicionReportTemplate = z.infer<typeof SuspicionReportTemplate>;

// src/police/pdf and dist/police/pdf are three levels below the project root.
const dir = new URL('../../../templates/', import.meta.url);
const cache = new Map<string, unknown>();

function load<T>(file: string, schema: z.ZodType<T>): T {
  if (!cache.has(file)) cache.set(file, schema.parse(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))));
  return cache.get(file) as T;
}

export const answerLetterTemplate = () => load('police-answer-letter.json', AnswerLetterTemplate);
export const recordsTemplate = () => load('police-records.json', RecordsTemplate);
export const suspicionReportTemplate = () => load('police-suspicion-report.json', SuspicionReportTemplate);

/** Fills `{name}` placeholders; an unknown name is left visible rather than silently dropped. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Reads a label that a template must have, failing loudly when it was removed. */
export function label(map: Record<string, string>, key: string): string {
  const v = map[key];
  if (v === undefined) throw new Error(`police template is missing the label "${key}"`);
  return v;
}
