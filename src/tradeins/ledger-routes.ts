// Ledger read routes (list, search, print). Filled in by the ledger work; registered in app.ts.
import type { FastifyInstance } from 'fastify';

export async function ledgerRoutes(_app: FastifyInstance) {}
