import { z } from 'zod';

export const Role = z.enum(['staff', 'dealer', 'compliance', 'admin']);

const name = z.string().trim().min(1).max(200);
const permitNumber = z.string().trim().min(1).max(40).describe('古物商許可番号 (commonly 12 digits; other formats warn)');

export const CreateStore = z.strictObject({
  name,
  permitNumber,
  commission: z.string().trim().min(1).max(100).describe('公安委員会, e.g. 東京都公安委員会'),
  prefecture: z.string().trim().min(2).max(10).describe('都道府県, e.g. 東京都 (selects the minors rule)'),
  address: z.string().trim().min(1).max(300),
  minorPolicy: z.enum(['allow_with_guardian', 'never_under_18']).default('allow_with_guardian'),
  isSignatureVerifier: z.boolean().default(false).describe('JPKI 署名検証者 (enables method RULE15_3_11)'),
});
export type CreateStore = z.infer<typeof CreateStore>;

export const UpdateStore = CreateStore.partial().refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateStore = z.infer<typeof UpdateStore>;

export const Store = z.object({
  id: z.string(),
  name: z.string(),
  permitNumber: z.string(),
  commission: z.string(),
  prefecture: z.string(),
  address: z.string(),
  minorPolicy: z.enum(['allow_with_guardian', 'never_under_18']),
  isSignatureVerifier: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Store = z.infer<typeof Store>;

export const Warning = z.object({ code: z.string(), message: z.string() });
export const StoreWithWarnings = Store.extend({ warnings: z.array(Warning) });

export const CreateUser = z.strictObject({
  name,
  role: Role,
  storeIds: z.array(z.string()).max(100).default([]),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .strictObject({ name: name.optional(), active: z.boolean().optional(), storeIds: z.array(z.string()).max(100).optional() })
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateUser = z.infer<typeof UpdateUser>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  active: z.boolean(),
  storeIds: z.array(z.string()),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateToken = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});
export type CreateToken = z.infer<typeof CreateToken>;

export const Token = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const CreatedToken = Token.extend({ token: z.string().describe('Shown once; only its hash is stored.') });

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const Me = z.object({ userId: z.string().nullable(), role: z.string(), storeIds: z.array(z.string()) });
