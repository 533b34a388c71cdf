// The ledger print's thread (ledger-thread.ts): renders each request in turn and sends the PDF
// back, its memory transferred rather than copied.
import { parentPort } from 'node:worker_threads';
import { type LedgerPdfInput, renderLedgerPdf } from './ledger.js';

const port = parentPort!;

port.on('message', async ({ id, input }: { id: number; input: LedgerPdfInput }) => {
  try {
    const pdf = await renderLedgerPdf(input);
    // A Buffer that owns its whole ArrayBuffer can hand it over; a slice of a shared one cannot.
    const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : Buffer.from(pdf);
    const bytes = own.buffer as ArrayBuffer;
    port.postMessage({ id, pdf: bytes }, [bytes]);
  } catch (err) {
    const e = err as Error;
    port.postMessage({ id, error: { name: e.name, message: e.message } });
  }
});
