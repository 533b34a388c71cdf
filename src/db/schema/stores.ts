// 営業所 (business offices) and the people who act for the dealer.
// PII class: users hold staff names (employee data, not customer data). Retention: while active;
// users are deactivated, never deleted, because ledger rows and audit entries name them.

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const stores = sqliteTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 古物商許可番号: a string, commonly 12 digits but prefecture formats vary (DOMAIN §1.7). */
  permitNumber: text('permit_number').notNull(),
  /** 公安委員会 name, e.g. 東京都公安委員会. */
  commission: text('commission').notNull(),
  /** JIS prefecture name (東京都); selects the minors rule (DOMAIN §1.6). */
  prefecture: text('prefecture').notNull(),
  address: text('address').notNull(),
  /** Store policy for sellers under 18: allow with guardian consent, or never. */
  minorPolicy: text('minor_policy', { enum: ['allow_with_guardian', 'never_under_18'] })
    .notNull()
    .default('allow_with_guardian'),
  /** 公的個人認証法17条4項の署名検証者: only then may Rule 15(3)(11) JPKI be used (DOMAIN rule 20). */
  isSignatureVerifier: integer('is_signature_verifier', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role', { enum: ['staff', 'dealer', 'compliance', 'admin'] }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Which stores a staff user works at. Other roles are not store-bound. */
export const userStores = sqliteTable(
  'user_stores',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.storeId] }), index('user_stores_store').on(t.storeId)],
);

/**
 * Bearer tokens: only the SHA-256 of the 256-bit secret is kept, so a copy of the database does
 * not hand out access. Shown once at creation.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

