// A small RFC 4180 reader: quoted fields ("" inside quotes is a quote), CRLF or LF line ends, an
// optional UTF-8 BOM, blank lines skipped. Each record carries the line it starts on, so errors
// can name the row as a person sees it in a spreadsheet or editor.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let touched = false; // the record has content (so "" alone is a field, not a blank line)
  const endRecord = () => {
    fields.push(field);
    if (touched || fields.length > 1 || field !== '') out.push({ line: start, fields });
    fields = [];
    field = '';
    touched = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'a quote may only start a field');
      quoted = true;
      quoteLine = line;
      touched = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      touched = true;
    } else if (c === '\r' && s[i + 1] === '\n') {
      // CRLF: the LF ends the record
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      start = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, 'a quoted field is not closed');
  if (field !== '' || fields.length || touched) endRecord();
  return out;
}
