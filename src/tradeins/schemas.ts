// HTTP inputs and outputs for trade-ins. Domain facts (categories, designations, features,
// verification input) come from the pure rules engine so one definition serves both.
import { z } from 'zod';
import {
  DisposalKind,
  FeaturesSource,
  GuardianFacts,
  IntakeKind,
  IsoDate,
  ItemCategory,
  ItemDesignation,
  ItemFeatures,
  VerificationInput,
  VerificationSteps,
} from './rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CounterpartyInput = z.strictObject({
  name: text(100),
  kanaName: text(100).optional(),
  address: text(300).optional(),
  /** Self-declared (DOMAIN rule 14). */
  occupation: text(100).optional(),
  dateOfBirth: IsoDate.optional(),
  contact: text(200).optional(),
});
export type CounterpartyInput = z.infer<typeof CounterpartyInput>;

export const ItemInput = z.strictObject({
  category: ItemCategory,
  designation: ItemDesignation.default('NONE'),
  description: text(500),
  quantity: z.number().int().min(1).max(100_000),
  unitPrice: z.number().int().min(0).max(10_000_000_000),
  isPhone: z.boolean().default(false),
  features: ItemFeatures.strict().default({}),
  featuresSource: FeaturesSource.optional(),
});
export type ItemInput = z.infer<typeof ItemInput>;

export const CreateTradein = z.strictObject({
  storeId: z.string().min(1).max(64),
  kind: IntakeKind,
  channel: z.enum(['in_person', 'remote']),
  occurredAt: z.iso.datetime({ offset: true }).describe('When it happened; the business date is taken in Asia/Tokyo'),
  customerId: z.string().min(1).max(64).optional(),
  counterparty: CounterpartyInput.optional(),
  items: z.array(ItemInput).min(1).max(200),
  buybackOfDisposalId: z.string().min(1).max(64).optional(),
  guardian: GuardianFacts.strict().optional(),
  notes: z.string().trim().max(2000).optional(),
  /** One-shot intake at the counter: record the identity check in the same call… */
  verification: z.lazy(() => RecordVerification).optional(),
  /** …and complete it: all or nothing (422 listing what is missing, nothing written). */
  complete: z.boolean().default(false),
});
export type CreateTradein = z.infer<typeof CreateTradein>;

/** Draft edits replace the given parts; completed entries change only through amendments. */
export const UpdateDraft = CreateTradein.omit({ storeId: true, verification: true, complete: true }).partial();
export type UpdateDraft = z.infer<typeof UpdateDraft>;

/** The verification as recorded by staff; the context (date, names, tenant) is supplied by the server. */
export const RecordVerification = VerificationInput.omit({ context: true }).strict();
export type RecordVerification = z.infer<typeof RecordVerification>;
export const UpdateSteps = z.strictObject({ steps: VerificationSteps.strict() });

export const FlagSuspicion = z.strictObject({ reason: text(1000) });
export const ResolveBlock = z.strictObject({
  resolution: z.enum(['reported', 'justified', 'released', 'false_positive']),
  note: text(2000).optional(),
});

export const Amend = z.strictObject({
  reason: text(1000),
  counterparty: CounterpartyInput.partial().optional(),
  items: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64),
        category: ItemCategory.optional(),
        designation: ItemDesignation.optional(),
        description: text(500).optional(),
        quantity: z.number().int().min(1).max(100_000).optional(),
        unitPrice: z.number().int().min(0).max(10_000_000_000).optional(),
        features: ItemFeatures.strict().optional(),
        featuresSource: FeaturesSource.optional(),
      }),
    )
    .max(200)
    .optional(),
});
export type Amend = z.infer<typeof Amend>;

export const CreateDisposal = z.strictObject({
  kind: DisposalKind,
  occurredAt: z.iso.datetime({ offset: true }),
  price: z.number().int().min(0).max(10_000_000_000),
  buyerCustomerId: z.string().min(1).max(64).optional(),
  buyer: CounterpartyInput.optional(),
});
export type CreateDisposal = z.infer<typeof CreateDisposal>;

export const CreateCustomer = CounterpartyInput.extend({ storeId: z.string().min(1).max(64) });
export type CreateCustomer = z.infer<typeof CreateCustomer>;

// ---- outputs

const Reason = z.object({ rule: z.number(), article: z.string(), message: z.string() });
const Issue = z.object({ path: z.string(), code: z.string(), message: z.string(), rule: z.number().optional(), article: z.string().optional() });
export const Requirement = z.object({ required: z.boolean(), reasons: z.array(Reason) });

export const Counterparty = z.object({
  name: z.string().nullable(),
  kanaName: z.string().nullable(),
  address: z.string().nullable(),
  occupation: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
});

export const Item = z.object({
  id: z.string(),
  lineNo: z.number(),
  category: z.string(),
  categoryLabel: z.string(),
  designation: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
  isPhone: z.boolean(),
  features: z.record(z.string(), z.unknown()),
  featuresSource: z.string().nullable(),
  status: z.enum(['held', 'disposed']),
});

export const Block = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['open', 'resolved']),
  itemId: z.string().nullable(),
  tradeinId: z.string().nullable(),
  blocksCompletion: z.boolean(),
  blocksDisposal: z.boolean(),
  reason: z.string().nullable(),
  resolution: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const Verification = z.object({
  method: z.string(),
  documentType: z.string().nullable(),
  status: z.enum(['verified', 'pending', 'rejected']),
  ledgerLabel: z.string(),
  issues: z.array(Issue),
  pendingSteps: z.array(z.object({ step: z.string(), message: z.string(), rule: z.number().optional() }).passthrough()),
  warnings: z.array(z.object({ code: z.string(), message: z.string() }).passthrough()),
  steps: z.record(z.string(), z.unknown()),
  documents: z.array(z.record(z.string(), z.unknown())),
  updatedAt: z.string(),
});

export const Tradein = z.object({
  id: z.string(),
  storeId: z.string(),
  kind: IntakeKind,
  channel: z.enum(['in_person', 'remote']),
  occurredAt: z.string(),
  businessDate: z.string(),
  status: z.enum(['draft', 'completed']),
  version: z.number(),
  amended: z.boolean(),
  customerId: z.string().nullable(),
  counterparty: Counterparty,
  guardian: z.record(z.string(), z.unknown()).nullable(),
  buybackOfDisposalId: z.string().nullable(),
  total: z.number(),
  requirements: z.object({
    identityCheck: Requirement,
    ledgerEntry: Requirement,
    minor: z.object({ minor: z.boolean(), age: z.number().nullable(), allowed: z.boolean(), reasons: z.array(Reason) }),
  }),
  items: z.array(Item),
  verification: Verification.nullable(),
  blocks: z.array(Block),
  /** Exactly what is still needed before this trade-in can be completed. */
  missing: z.array(Issue),
  retainedUntil: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Tradein = z.infer<typeof Tradein>;

export const Disposal = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: DisposalKind,
  businessDate: z.string(),
  price: z.number(),
  ledgerRequired: z.boolean(),
  buyerDetailsRequired: z.boolean(),
  reasons: z.array(Reason),
});

export const Customer = z.object({
  id: z.string(),
  storeId: z.string(),
  name: z.string(),
  kanaName: z.string().nullable(),
  address: z.string().nullable(),
  occupation: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  contact: z.string().nullable(),
  hasCompletedVerification: z.boolean(),
  createdAt: z.string(),
});

export const Version = z.object({
  version: z.number(),
  changedFields: z.array(z.string()),
  reason: z.string(),
  authorId: z.string().nullable(),
  createdAt: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
