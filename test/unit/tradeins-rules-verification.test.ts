// DOMAIN rules 13, 15-23, 53, 55, 57, 58: is the counterparty verified by a lawful method?
import { describe, expect, it } from 'vitest';
import {
  assessVerification,
  type DocumentType,
  supplementaryAcceptedFrom,
  VerificationMethod,
} from '../../src/tradeins/rules/index.js';

type Input = Parameters<typeof assessVerification>[0];
type Doc = NonNullable<Input['documents']>[number];
type Steps = NonNullable<Input['steps']>;

const TX = '2026-04-01';
const doc = (type: DocumentType, extra: Partial<Doc> = {}): Doc => ({ type, expiryDate: '2030-01-01', ...extra });
const licence = (extra: Partial<Doc> = {}) => doc('DRIVERS_LICENSE', extra);
const v = (
  method: VerificationMethod,
  documents: Doc[] = [],
  steps: Steps = {},
  context: Partial<Input['context']> = {},
  extra: Partial<Input> = {},
) => assessVerification({ method, documents, steps, context: { transactionDate: TX, counterpartyKanaName: 'ヤマダ タロウ', counterpartyName: '山田 太郎', ...context }, ...extra });
const codes = (a: { issues: { code: string }[] }) => a.issues.map((i) => i.code);
const steps = (a: { pendingSteps: { step: string }[] }) => a.pendingSteps.map((s) => s.step);

const MAIL_ARRIVED: Steps = { forwardingProhibitedMailSentAt: '2026-03-25', forwardingProhibitedMailArrivedAt: '2026-03-28' };

describe('rule 13: face-to-face ID presentation is stored as ACT15_1_1 + document type', () => {
  it.each<[DocumentType, string]>([
    ['DRIVERS_LICENSE', '運転免許証'],
    ['MY_NUMBER_CARD', '個人番号カード'],
    ['RESIDENCE_CARD', '在留カード'],
    ['SPECIAL_PERMANENT_RESIDENT_CERTIFICATE', '特別永住者証明書'],
    ['DISABILITY_CERTIFICATE', '身体障害者手帳'],
  ])('%s → verified, ledger method records the type', (type, label) => {
    const a = v('ACT15_1_1', [doc(type)]);
    expect(a.status).toBe('verified');
    expect(a.ledgerMethod).toEqual({ category: 'ACT15_1_1', documentType: type, label: `古物営業法15条1項1号 / ${label}` });
  });
  it('no document type → rejected', () => {
    const a = v('ACT15_1_1', []);
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ path: 'documents', code: 'document_type_required', rule: 13 });
    expect(a.ledgerMethod.documentType).toBeNull();
  });
  it.each<DocumentType>(['RESIDENT_RECORD', 'SEAL_CERTIFICATE', 'SUPPLEMENTARY_DOCUMENT'])('%s alone is not a 身分証明書等 → rejected', (type) => {
    expect(codes(v('ACT15_1_1', [doc(type)]))).toEqual(['identity_document_required']);
  });
  it('a signed declaration (ACT15_1_2) needs no document but must be received', () => {
    expect(v('ACT15_1_2').status).toBe('pending');
    const a = v('ACT15_1_2', [], { signedDeclarationReceived: true });
    expect(a.status).toBe('verified');
    expect(a.ledgerMethod).toMatchObject({ category: 'ACT15_1_2', documentType: null });
  });
});

describe('rule 15: an image or copy of a licence alone is not a lawful non-face-to-face method', () => {
  it.each<VerificationMethod>([
    'RULE15_3_1', 'RULE15_3_2', 'RULE15_3_3', 'RULE15_3_4', 'RULE15_3_5', 'RULE15_3_6', 'RULE15_3_7',
    'RULE15_3_9', 'RULE15_3_11', 'RULE15_3_12',
  ])('%s with only a licence copy → rejected', (method) => {
    const a = v(method, [licence({ evidenceRef: 'img_1' })], {}, { tenant: { isSignatureVerifier: true, rejectExpiredHealthInsurance: true } });
    expect(a.status).toBe('rejected');
    expect(a.issues).toContainEqual(expect.objectContaining({ code: 'copy_only_not_lawful', rule: 15 }));
    expect(a.pendingSteps).toEqual([]);
  });
  it('RULE15_3_8 with a licence image not taken by our software → rejected', () => {
    const a = v('RULE15_3_8', [licence({ evidenceRef: 'img_1' })], { faceCaptured: true });
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ code: 'not_captured_with_dealer_software', rule: 15, path: 'documents.0.photoCaptured' });
  });
  it('RULE15_3_7: copy + mail sent + same-name account → pending until arrival, then verified', () => {
    const base = { forwardingProhibitedMailSentAt: '2026-03-25', payoutAccountName: 'ﾔﾏﾀﾞ ﾀﾛｳ' };
    const p = v('RULE15_3_7', [licence({ evidenceRef: 'img_1' })], base);
    expect(p.status).toBe('pending');
    expect(steps(p)).toEqual(['confirm_forwarding_prohibited_mail_arrival']);
    expect(v('RULE15_3_7', [licence({ evidenceRef: 'img_1' })], { ...base, ...MAIL_ARRIVED }).status).toBe('verified');
  });
  it('RULE15_3_7 without the stored copy stays pending (copy kept with the ledger record)', () => {
    const a = v('RULE15_3_7', [licence()], { ...MAIL_ARRIVED, payoutAccountName: 'ヤマダタロウ' });
    expect(a.status).toBe('pending');
    expect(steps(a)).toEqual(['store_copy_0']);
  });
  it.each<[string, Doc[], Steps]>([
    ['住民票の写し', [doc('RESIDENT_RECORD')], MAIL_ARRIVED],
    ['licence IC chip', [licence()], { ...MAIL_ARRIVED, icChipRead: true }],
    ['licence image from our software', [licence({ photoCaptured: true, evidenceRef: 'img_1' })], MAIL_ARRIVED],
  ])('RULE15_3_4 via %s + 転送不要 mail arrived → verified', (_n, docs, s) => {
    expect(v('RULE15_3_4', docs, s).status).toBe('verified');
  });
  it('RULE15_3_4 via our software but mail not yet sent → pending', () => {
    const a = v('RULE15_3_4', [licence({ photoCaptured: true, evidenceRef: 'img_1' })]);
    expect(a.status).toBe('pending');
    expect(steps(a)).toEqual(['send_forwarding_prohibited_mail']);
  });
  it('RULE15_3_4 with a passport (no address on the card or chip) → rejected', () => {
    const a = v('RULE15_3_4', [doc('PASSPORT', { photoCaptured: true, evidenceRef: 'img' })], MAIL_ARRIVED);
    expect(a.issues[0]).toMatchObject({ code: 'document_lacks_address', rule: 23 });
  });
  it.each<[VerificationMethod, Doc[], Steps, string]>([
    ['RULE15_3_1', [doc('SEAL_CERTIFICATE')], { sealStampedDocument: true }, 'verified'],
    ['RULE15_3_1', [doc('SEAL_CERTIFICATE')], {}, 'pending'],
    ['RULE15_3_2', [], {}, 'pending'],
    ['RULE15_3_2', [], { restrictedDeliverySentAt: '2026-03-20' }, 'pending'],
    ['RULE15_3_2', [], { restrictedDeliverySentAt: '2026-03-20', restrictedDeliveryConfirmedAt: '2026-03-22T10:00:00+09:00' }, 'verified'],
    ['RULE15_3_3', [], { cashByRestrictedDeliveryPromised: true }, 'verified'],
    ['RULE15_3_9', [licence()], { icChipRead: true, faceCaptured: true }, 'verified'],
    ['RULE15_3_9', [licence()], { icChipRead: true }, 'pending'],
    ['RULE15_3_10', [], { stylusSignatureCaptured: true }, 'verified'],
    ['RULE15_3_12', [], { signedPayloadIncludesOccupation: true }, 'verified'],
  ])('%s %#: each item is lawful once its own steps are done → %s', (method, docs, s, status) => {
    expect(v(method, docs, s).status).toBe(status);
  });
  it('RULE15_3_9 with a passport chip (no address) → rejected', () => {
    expect(codes(v('RULE15_3_9', [doc('PASSPORT')], { icChipRead: true, faceCaptured: true }))).toEqual(['ic_document_unsuitable']);
  });
});

describe('rule 16: RULE15_3_8 must store the ID image; the face image is optional', () => {
  const captured = (extra: Partial<Doc> = {}) => licence({ photoCaptured: true, evidenceRef: 'img_9', ...extra });
  it('captured photo ID stored + face captured → verified (no face image reference needed)', () => {
    const a = v('RULE15_3_8', [captured()], { faceCaptured: true });
    expect(a.status).toBe('verified');
    expect(a.ledgerMethod).toMatchObject({ category: 'RULE15_3_8', documentType: 'DRIVERS_LICENSE' });
  });
  it('without a stored ID image → rejected (invalid record)', () => {
    const a = v('RULE15_3_8', [captured({ evidenceRef: undefined })], { faceCaptured: true });
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ code: 'id_image_not_stored', rule: 16, path: 'documents.0.evidenceRef' });
  });
  it('face not captured yet → pending', () => {
    const a = v('RULE15_3_8', [captured()]);
    expect(a.status).toBe('pending');
    expect(steps(a)).toEqual(['capture_face']);
  });
});

describe('rule 17: RULE15_3_8 accepts only photo IDs', () => {
  it.each<[DocumentType, string]>([
    ['HEALTH_INSURANCE_CARD', 'photo_id_required'],
    ['QUALIFICATION_CERTIFICATE', 'photo_id_required'],
    ['RESIDENT_RECORD', 'photo_id_required'],
    ['PASSPORT', 'document_lacks_address'],
  ])('%s → rejected (%s)', (type, code) => {
    const a = v('RULE15_3_8', [doc(type, { photoCaptured: true, evidenceRef: 'img' })], { faceCaptured: true }, { transactionDate: '2025-06-01' });
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ code, rule: 17 });
  });
  it.each<DocumentType>(['MY_NUMBER_CARD', 'RESIDENCE_CARD', 'DRIVERS_LICENSE'])('%s → verified', (type) => {
    expect(v('RULE15_3_8', [doc(type, { photoCaptured: true, evidenceRef: 'img' })], { faceCaptured: true }).status).toBe('verified');
  });
});

describe('rule 18: RULE15_3_5 補完書類 within 6 months of receipt; pending until the mail arrives', () => {
  const five = (suppDate: string, received: string, s: Steps = MAIL_ARRIVED) =>
    v('RULE15_3_5', [licence({ evidenceRef: 'a' }), doc('SUPPLEMENTARY_DOCUMENT', { evidenceRef: 'b', expiryDate: undefined })], s, {}, {
      supplementaryDocumentDate: suppDate,
      supplementaryReceivedDate: received,
    });
  it('the boundary is addMonths(received, -6), inclusive', () => {
    expect(supplementaryAcceptedFrom('2026-04-10')).toBe('2025-10-10');
    expect(supplementaryAcceptedFrom('2026-08-31')).toBe('2026-02-28');
  });
  it.each([
    ['exactly 6 months before', '2025-10-10', '2026-04-10', 'verified'],
    ['6 months and 1 day before', '2025-10-09', '2026-04-10', 'rejected'],
    ['same day', '2026-04-10', '2026-04-10', 'verified'],
    ['month end, clamped: 2026-02-28', '2026-02-28', '2026-08-31', 'verified'],
    ['month end, one day older', '2026-02-27', '2026-08-31', 'rejected'],
  ])('%s (%s, received %s) → %s', (_n, date, received, status) => {
    const a = five(date, received);
    expect(a.status).toBe(status);
    if (status === 'rejected') expect(a.issues[0]).toMatchObject({ code: 'supplementary_document_too_old', rule: 18, path: 'supplementaryDocumentDate' });
  });
  it('dated after it was received → rejected', () => {
    expect(codes(five('2026-04-11', '2026-04-10'))).toEqual(['supplementary_date_after_receipt']);
  });
  it('stays pending until the 転送不要 mail arrival is confirmed', () => {
    const sent = five('2026-01-10', '2026-03-20', { forwardingProhibitedMailSentAt: '2026-03-21' });
    expect(sent.status).toBe('pending');
    expect(steps(sent)).toEqual(['confirm_forwarding_prohibited_mail_arrival']);
    expect(sent.pendingSteps[0]!.rule).toBe(18);
    expect(five('2026-01-10', '2026-03-20').status).toBe('verified');
  });
  it('two different copies without a 補完書類 → verified after arrival; two of the same type → pending', () => {
    expect(v('RULE15_3_5', [licence({ evidenceRef: 'a' }), doc('RESIDENT_RECORD', { evidenceRef: 'b' })], MAIL_ARRIVED).status).toBe('verified');
    const same = v('RULE15_3_5', [licence({ evidenceRef: 'a' }), licence({ evidenceRef: 'b' })], MAIL_ARRIVED);
    expect(steps(same)).toEqual(['receive_second_copy']);
  });
  it('the received date defaults to the transaction date', () => {
    const a = v('RULE15_3_5', [licence({ evidenceRef: 'a' }), doc('SUPPLEMENTARY_DOCUMENT', { issueDate: '2025-09-30', evidenceRef: 'b' })], MAIL_ARRIVED);
    expect(a.status).toBe('rejected'); // TX 2026-04-01 → accepted from 2025-10-01
  });
});

describe('rule 19: RULE15_3_6 / 7 pay only to an account in the document name', () => {
  it.each([
    ['half-width bank kana', 'ﾔﾏﾀﾞ ﾀﾛｳ', {}, 'verified'],
    ['hiragana with full-width space', 'やまだ　たろう', {}, 'verified'],
    ['small kana folded (キョウコ vs ｷﾖｳｺ)', 'ｷﾖｳｺ', { counterpartyKanaName: 'キョウコ' }, 'verified'],
    ['kanji name with different spacing', '山田太郎', { counterpartyKanaName: undefined }, 'verified'],
    ['a different person', 'ｽｽﾞｷ ｲﾁﾛｳ', {}, 'rejected'],
  ] as const)('RULE15_3_6, %s → %s', (_n, payout, ctx, status) => {
    const a = v('RULE15_3_6', [doc('RESIDENT_RECORD')], { payoutAccountName: payout }, ctx);
    expect(a.status).toBe(status);
    if (status === 'rejected') expect(a.issues[0]).toMatchObject({ code: 'payout_name_mismatch', rule: 19, path: 'steps.payoutAccountName' });
  });
  it('RULE15_3_7 mismatch blocks even with the mail arrived', () => {
    const a = v('RULE15_3_7', [licence({ evidenceRef: 'a' })], { ...MAIL_ARRIVED, payoutAccountName: 'ｽｽﾞｷ ｲﾁﾛｳ' });
    expect(codes(a)).toEqual(['payout_name_mismatch']);
  });
  it('no payout account yet → pending', () => {
    expect(steps(v('RULE15_3_6', [doc('RESIDENT_RECORD')]))).toEqual(['provide_payout_account']);
  });
});

describe('rule 20: RULE15_3_11 (JPKI) needs a signature-verifier tenant and occupation in the payload', () => {
  const tenant = (isSignatureVerifier: boolean) => ({ tenant: { isSignatureVerifier, rejectExpiredHealthInsurance: true } });
  it.each([
    [false, true, 'rejected', ['signature_verifier_required']],
    [true, true, 'verified', []],
    [true, false, 'rejected', ['signed_payload_missing_occupation']],
  ] as const)('verifier=%s, occupation signed=%s → %s', (verifier, occ, status, c) => {
    const a = v('RULE15_3_11', [], { signedPayloadIncludesOccupation: occ }, tenant(verifier));
    expect(a.status).toBe(status);
    expect(codes(a)).toEqual(c);
  });
  it('the tenant default is not a signature verifier', () => {
    expect(codes(v('RULE15_3_11', [], { signedPayloadIncludesOccupation: true }))).toEqual(['signature_verifier_required']);
  });
  it('no signed record yet → pending', () => {
    expect(steps(v('RULE15_3_11', [], {}, tenant(true)))).toEqual(['receive_signed_record']);
  });
});

describe('rule 21: the smartphone My Number 特定電磁的記録 is never accepted', () => {
  it.each(VerificationMethod.options)('%s with the smartphone record → rejected', (method) => {
    const a = v(method, [doc('MY_NUMBER_CARD', { photoCaptured: true, evidenceRef: 'i' })], { smartphoneMyNumberUsed: true, faceCaptured: true, icChipRead: true });
    expect(a.status).toBe('rejected');
    expect(codes(a)).toContain('smartphone_my_number_not_accepted');
  });
  it('there is no method code for it', () => {
    expect(VerificationMethod.options.some((m) => /SMART|PHONE/.test(m))).toBe(false);
  });
});

describe('rule 22: RULE15_3_13 only for a customer with a completed verification', () => {
  it.each([
    [false, true, 'rejected'],
    [true, true, 'verified'],
    [true, false, 'pending'],
  ] as const)('prior=%s, authenticated=%s → %s', (prior, auth, status) => {
    const a = v('RULE15_3_13', [], { returningCustomerAuthenticated: auth }, { priorCompletedVerification: prior });
    expect(a.status).toBe(status);
    if (!prior) expect(a.issues[0]).toMatchObject({ code: 'prior_verification_required', rule: 22 });
  });
});

describe('rule 23: a passport alone leaves the address unverified', () => {
  it.each(['2020-02-04', '2024-05-01'])('issued %s, alone → pending second document', (issueDate) => {
    const a = v('ACT15_1_1', [doc('PASSPORT', { issueDate })]);
    expect(a.status).toBe('pending');
    expect(a.pendingSteps[0]).toMatchObject({ step: 'second_document', rule: 23 });
    expect(a.pendingSteps[0]!.message).toContain('2020-02-04');
  });
  it('an older passport (self-written address) also needs a second document', () => {
    const a = v('ACT15_1_1', [doc('PASSPORT', { issueDate: '2020-02-03' })]);
    expect(steps(a)).toEqual(['second_document']);
    expect(a.pendingSteps[0]!.message).toContain('自書');
  });
  it.each<[string, Doc[], Partial<Input>]>([
    ['+ 住民票の写し', [doc('RESIDENT_RECORD')], {}],
    ['+ driver licence', [licence()], {}],
    ['+ 補完書類 within 6 months', [doc('SUPPLEMENTARY_DOCUMENT', { issueDate: '2026-02-01' })], {}],
  ])('passport %s → verified', (_n, more, extra) => {
    expect(v('ACT15_1_1', [doc('PASSPORT', { issueDate: '2021-01-01' }), ...more], {}, {}, extra).status).toBe('verified');
  });
  it('passport + a stale 補完書類 → still pending, with a warning', () => {
    const a = v('ACT15_1_1', [doc('PASSPORT'), doc('SUPPLEMENTARY_DOCUMENT', { issueDate: '2025-01-01' })]);
    expect(a.status).toBe('pending');
    expect(a.warnings.map((w) => w.code)).toContain('supplementary_not_usable');
  });
});

describe('rule 53: paper/plastic 健康保険証 expired after 2025-12-01', () => {
  const card = doc('HEALTH_INSURANCE_CARD', { expiryDate: undefined, addressShown: true });
  it('on 2025-12-01 → still usable', () => {
    expect(v('ACT15_1_1', [card], {}, { transactionDate: '2025-12-01' }).status).toBe('verified');
  });
  it('on 2025-12-02 → rejected as expired by default', () => {
    const a = v('ACT15_1_1', [card], {}, { transactionDate: '2025-12-02' });
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ code: 'health_insurance_card_expired', rule: 53, path: 'documents.0.type' });
  });
  it('a tenant that turned rejection off gets a warning instead', () => {
    const a = v('ACT15_1_1', [card], {}, { transactionDate: '2025-12-02', tenant: { isSignatureVerifier: false, rejectExpiredHealthInsurance: false } });
    expect(a.status).toBe('verified');
    expect(a.warnings.map((w) => w.code)).toContain('health_insurance_card_expired');
  });
  it('a 資格確認書 is not affected by the cut-off', () => {
    expect(v('ACT15_1_1', [doc('QUALIFICATION_CERTIFICATE', { addressShown: true })], {}, { transactionDate: '2026-06-01' }).status).toBe('verified');
  });
  it('an insurance card without a confirmed address needs a second document', () => {
    expect(steps(v('ACT15_1_1', [doc('HEALTH_INSURANCE_CARD')], {}, { transactionDate: '2025-06-01' }))).toEqual(['second_document']);
  });
});

describe('rule 55: a licence that expired before the transaction date is rejected', () => {
  it.each([
    ['the day before', '2026-03-31', 'rejected'],
    ['on the transaction date', '2026-04-01', 'verified'],
    ['the day after', '2026-04-02', 'verified'],
  ])('expiry %s (%s) → %s', (_n, expiryDate, status) => {
    const a = v('ACT15_1_1', [licence({ expiryDate })]);
    expect(a.status).toBe(status);
    if (status === 'rejected') expect(a.issues[0]).toMatchObject({ code: 'document_expired', rule: 55, path: 'documents.0.expiryDate' });
  });
  it('other expired documents are rejected too', () => {
    expect(codes(v('ACT15_1_1', [doc('MY_NUMBER_CARD', { expiryDate: '2026-01-01' })]))).toEqual(['document_expired']);
  });
});

describe('rule 57: residence cards — expired is rejected; an online validity check is recommended', () => {
  it('expired → rejected under rule 57', () => {
    const a = v('ACT15_1_1', [doc('RESIDENCE_CARD', { expiryDate: '2026-03-31' })]);
    expect(a.status).toBe('rejected');
    expect(a.issues[0]).toMatchObject({ code: 'document_expired', rule: 57 });
  });
  it('valid → verified with a recommendation to check online', () => {
    const a = v('ACT15_1_1', [doc('RESIDENCE_CARD', { expiryDate: '2026-04-01' })]);
    expect(a.status).toBe('verified');
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'residence_card_online_check_recommended', rule: 57 }));
  });
});

describe('rule 58: a My Number card (or マイナ免許証) is recorded as 個人番号カード with no number', () => {
  it('ledger method is the document type only; a submitted number is dropped', () => {
    const input = { method: 'ACT15_1_1', documents: [{ type: 'MY_NUMBER_CARD', number: '123456789018' }], context: { transactionDate: TX } };
    const a = assessVerification(input as Input);
    expect(a.status).toBe('verified');
    expect(a.ledgerMethod).toEqual({ category: 'ACT15_1_1', documentType: 'MY_NUMBER_CARD', label: '古物営業法15条1項1号 / 個人番号カード' });
    expect(JSON.stringify(a)).not.toMatch(/\d{12}/);
    expect(a.warnings.map((w) => w.code)).toContain('my_number_not_recorded');
  });
});
