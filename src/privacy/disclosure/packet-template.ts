// Loader for templates/privacy-disclosure.json: the fixed Japanese wording of the disclosure PDF.
// People edit the file; it is validated here so a broken template fails at the first render.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const s = z.string();
const map = z.record(s, s);

export const DisclosureTemplate = z.object({
  title: s,
  subtitle: s,
  intro: s.includes('{requestId}'),
  generated: s,
  noData: s,
  retentionNote: s,
  masked: s.includes('{count}'),
  sections: z.object({ customers: s, tradeins: s, disposals: s, idDocuments: s, marketingConsent: s, optOuts: s, thirdPartyProvisions: s }),
  recordTitles: z.object({ customers: s, tradeins: s, disposals: s, thirdPartyProvisions: s }),
  fields: map,
  columns: z.object({ idDocuments: z.array(s).length(4), marketingConsent: z.array(s).length(2), optOuts: z.array(s).length(3) }),
  kinds: map,
  statuses: map,
  basis: map,
  scopes: map,
  sides: map,
  yes: s,
  no: s,
  none: s,
  pageNumber: s.includes('{page}'),
});
export type DisclosureTemplate = z.infer<typeof DisclosureTemplate>;

// src/privacy/disclosure and dist/privacy/disclosure are three levels below the project root.
const file = new URL('../../../templates/privacy-disclosure.json', import.meta.url);
let cached: DisclosureTemplate | null = null;

export function disclosureTemplate(): DisclosureTemplate {
  cached ??= DisclosureTemplate.parse(JSON.parse(readFileSync(file, 'utf8')));
  return cached;
}

/** Fills `{name}` placeholders; an unknown name stays visible rather than silently dropped. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A label the template must have; a removed one fails loudly. */
export function label(m: Record<string, string>, key: string): string {
  const v = m[key];
  if (v === undefined) throw new Error(`privacy-disclosure template is missing the label "${key}"`);
  return v;
}
