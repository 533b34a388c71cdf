// `npm run bench`: every benchmark in sequence against the built server. Benchmarks print
// figures; they never fail on time. Run one alone with `npx tsx test/bench/<name>.ts`.
import { benchFoundation } from './http-foundation.js';
import { benchTradeins } from './http-tradeins.js';
import { benchLedgerPrint } from './ledger-print.js';
import { benchLedgerSearch } from './ledger-search.js';
import { build } from './lib/server.js';
import { benchPolicePacket } from './police-packet.js';
import { benchImagesRedaction } from './images-redaction.js';

build();
await benchFoundation();
await benchTradeins();
await benchLedgerSearch();
await benchLedgerPrint();
await benchPolicePacket();
await benchImagesRedaction();
