// `npm run bench`: every benchmark in sequence. Benchmarks print figures; they never fail on time.
import { benchFoundation } from './http-foundation.js';
import { build } from './lib/server.js';

build();
await benchFoundation();
