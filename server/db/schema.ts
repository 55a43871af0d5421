// The database schema: one set of tables for PGlite and PostgreSQL alike (migrations are generated from this file).
import { sql } from 'drizzle-orm'
import {
  bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity()
const ref = (name: string) => bigint(name, { mode: 'number' })

export const insuranceTypes = ['employee', 'retiree', 'resident'] as const
export const institutionKinds = ['hospital', 'pharmacy', 'clinic'] as const
export const visitTypes = ['outpatient', 'inpatient', 'pharmacy'] as const
export const ledgerKinds = ['contribution', 'retiree_allocation', 'consumption', 'mutual_aid', 'adjustment'] as const
export const claimStages = ['submitted', 'first_review', 'second_review', 'approved', 'paid', 'rejected', 'materials_needed'] as const

/** Insured persons. ID number and phone are stored encrypted and found by keyed hash; never stored in clear. */
export const persons = pgTable('persons', {
  id: id(),
  name: text('name').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  idNumberHash: text('id_number_hash').notNull(),
  phoneEnc: text('phone_enc').notNull(),
  phoneHash: text('phone_hash').notNull(),
  cardNumber: text('card_number').notNull(),
  insuranceType: text('insurance_type', { enum: insuranceTypes }).notNull(),
  regionCode: text('region_code').notNull(),
  status: text('status').notNull().default('active'),
  queryPasswordHash: text('query_password_hash'),
  /** Wrong card-query-password tries since the last success; 5 lock the password. */
  passwordFailures: integer('password_failures').notNull().default(0),
  passwordLockedUntil: ts('password_locked_until'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('persons_id_number_hash_key').on(t.idNumberHash),
  uniqueIndex('persons_card_number_key').on(t.cardNumber),
  index('persons_phone_hash_idx').on(t.phoneHash),
])

/** A platform account (WeChat openid, Alipay open_id/user_id); bound to a person after real-name verification. */
export const platformIdentities = pgTable('platform_identities', {
  id: id(),
  platform: text('platform', { enum: ['wechat', 'alipay'] }).notNull(),
  subject: text('subject').notNull(),
  unionId: text('union_id'),
  personId: ref('person_id').references(() => persons.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastLoginAt: ts('last_login_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('platform_identities_platform_subject_key').on(t.platform, t.subject)])

/** Sessions: the token is random and only its SHA-256 is kept. */
export const sessions = pgTable('sessions', {
  id: id(),
  tokenHash: text('token_hash').notNull(),
  personId: ref('person_id').references(() => persons.id),
  identityId: ref('identity_id').references(() => platformIdentities.id),
  loginMethod: text('login_method').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  verifiedUntil: ts('verified_until'),
  /**
   * Last time this session passed a real-name-strength check (SMS, password, face, binding; SMS login counts).
   * SOTER biometric unlock is only offered to a session that has one: it re-opens, it never proves who someone is.
   */
  strongVerifiedAt: ts('strong_verified_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [
  uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_person_idx').on(t.personId),
  // Housekeeping's deletes (expired or revoked a day ago) use these instead of reading the whole table.
  index('sessions_expires_idx').on(t.expiresAt), index('sessions_revoked_idx').on(t.revokedAt).where(sql`revoked_at is not null`),
])

/** One-time SMS codes: hashed, short-lived, limited tries. */
export const smsCodes = pgTable('sms_codes', {
  id: id(),
  /** Keyed hash of what the code is about: the phone for login, `id:<ID>` for a reset, `person:<id>` to verify. */
  phoneHash: text('phone_hash').notNull(),
  /** Keyed hash of the phone the code went to (or of the subject when nobody is on file): the daily cap's key. */
  recipientHash: text('recipient_hash'),
  purpose: text('purpose').notNull(),
  codeHash: text('code_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  consumedAt: ts('consumed_at'),
  /**
   * Keyed hash of who asked (the client address, or the platform identity/person of a session): the daily cap is
   * counted per requester as well as per recipient, so a stranger cannot use up a person's allowance.
   */
  requesterHash: text('requester_hash'),
}, (t) => [
  index('sms_codes_phone_purpose_idx').on(t.phoneHash, t.purpose, t.createdAt),
  index('sms_codes_recipient_idx').on(t.recipientHash, t.createdAt),
  index('sms_codes_requester_idx').on(t.requesterHash, t.recipientHash, t.createdAt),
  index('sms_codes_created_idx').on(t.createdAt),
])

/** What the dev SMS provider "sent": shared by every server process; never written in production. */
export const devSmsOutbox = pgTable('dev_sms_outbox', {
  id: id(),
  phoneHash: text('phone_hash').notNull(),
  phoneMasked: text('phone_masked').notNull(),
  purpose: text('purpose').notNull(),
  code: text('code').notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
}, (t) => [index('dev_sms_outbox_sent_idx').on(t.sentAt)])

/**
 * Access tokens for platform server APIs (WeChat `access_token`), shared by every process: WeChat issues a new
 * token on each request and retires the old one within minutes, so per-process caches would undo each other.
 * Encrypted at rest like other secrets.
 */
export const platformTokens = pgTable('platform_tokens', {
  key: text('key').primaryKey(), // e.g. 'wechat:<appid>'
  tokenEnc: text('token_enc').notNull(),
  expiresAt: ts('expires_at').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
})

/**
 * Wrong-password counters for identifiers that match nobody: they lock exactly like a person's password does,
 * so the answers never tell whether an ID or card number is on file. Keyed by a keyed hash of the identifier.
 */
export const passwordAttempts = pgTable('password_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('password_attempts_updated_idx').on(t.updatedAt)])

/**
 * One face check (WeChat face 2.0 or Alipay certify), started by the server for one session and person. Only the
 * server's own query to the platform can mark it passed; the client's result is never trusted.
 */
export const faceChecks = pgTable('face_checks', {
  id: id(),
  sessionId: ref('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  personId: ref('person_id').notNull().references(() => persons.id),
  platform: text('platform', { enum: ['wechat', 'alipay'] }).notNull(),
  /** 'verify': step-up for the bound person; 'bind': proves a pending binding (person_id is the candidate). */
  purpose: text('purpose', { enum: ['verify', 'bind'] }).notNull().default('verify'),
  outSeqNo: text('out_seq_no').notNull(), // WeChat out_seq_no / Alipay outer_order_no: ours, unique
  providerRef: text('provider_ref').notNull(), // WeChat verify_id / Alipay certify_id
  status: text('status', { enum: ['pending', 'passed', 'failed'] }).notNull().default('pending'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  finishedAt: ts('finished_at'),
}, (t) => [uniqueIndex('face_checks_out_seq_no_key').on(t.outSeqNo), index('face_checks_session_idx').on(t.sessionId)])

/**
 * A platform identity being bound to a person: name + ID number matched the record; it completes when the person
 * proves it (face check where the platform offers one, else an SMS code to the phone on file).
 */
export const bindings = pgTable('bindings', {
  id: id(),
  sessionId: ref('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  identityId: ref('identity_id').notNull().references(() => platformIdentities.id),
  personId: ref('person_id').notNull().references(() => persons.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  /** 'face' or 'sms' once done. */
  completedBy: text('completed_by'),
  completedAt: ts('completed_at'),
}, (t) => [
  index('bindings_session_idx').on(t.sessionId),
  index('bindings_unfinished_expires_idx').on(t.expiresAt).where(sql`completed_at is null`),
])

/** One-use SOTER challenges (WeChat biometric unlock): only the hash is kept; used once, then dead. */
export const soterChallenges = pgTable('soter_challenges', {
  id: id(),
  sessionId: ref('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  challengeHash: text('challenge_hash').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
}, (t) => [
  uniqueIndex('soter_challenges_hash_key').on(t.challengeHash), index('soter_challenges_session_idx').on(t.sessionId),
  index('soter_challenges_expires_idx').on(t.expiresAt),
])

/**
 * Consents: the privacy agreement and the separate consent for sensitive personal information (PIPL art. 29),
 * each with the document version and the time, by whoever held the session (a person, or an unbound identity).
 */
export const consents = pgTable('consents', {
  id: id(),
  personId: ref('person_id').references(() => persons.id),
  identityId: ref('identity_id').references(() => platformIdentities.id),
  document: text('document', { enum: ['privacy', 'sensitive'] }).notNull(),
  version: text('version').notNull(),
  /** Where it was given: 'weapp' | 'alipay' | 'h5'. */
  channel: text('channel').notNull(),
  acceptedAt: ts('accepted_at').notNull(),
  withdrawnAt: ts('withdrawn_at'),
}, (t) => [index('consents_person_idx').on(t.personId, t.document), index('consents_identity_idx').on(t.identityId, t.document)])

/** Short leases so one process at a time refreshes a shared resource (the WeChat access token) without holding a transaction. */
export const leases = pgTable('leases', {
  key: text('key').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('leases_expires_idx').on(t.expiresAt)])

/** Rate-limit windows, shared by all server processes. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: ts('reset_at').notNull(),
}, (t) => [index('rate_limits_reset_idx').on(t.resetAt)])

/**
 * The first answer to a write the app sent with an Idempotency-Key, per owner (the person, or before binding the
 * platform identity), so that a retry after a lost answer gets that answer and changes nothing twice. A row without
 * a status is a write still running (or one whose process died: taken over after a minute). Kept 24 hours.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  owner: text('owner').notNull(),
  key: text('key').notNull(),
  /** The method, route, parameters and body the key was first used for: the same key for another write is refused. */
  fingerprint: text('fingerprint').notNull(),
  statusCode: integer('status_code'),
  body: text('body'),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.owner, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)])

/** Hospitals, clinics and pharmacies. */
export const institutions = pgTable('institutions', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: institutionKinds }).notNull(),
  level: text('level'),
  regionCode: text('region_code').notNull(),
  address: text('address'),
  /** 医保定点 (designated): settlements there are covered. */
  designated: boolean('designated').notNull().default(true),
  /** The claims desk (医保报销窗口), for the hospital page a poster's QR code opens; null where there is none. */
  deskPlace: text('desk_place'),
  deskHours: text('desk_hours'),
  deskPhone: text('desk_phone'),
  /** What to bring to claim there (材料清单). */
  claimMaterials: jsonb('claim_materials').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
}, (t) => [uniqueIndex('institutions_code_key').on(t.code)])

/**
 * Public entry codes (what a hospital's QR code carries): short and random, not the institution's id, so a code can
 * be revoked (a poster stolen, misprinted) and a new one issued without touching the institution.
 */
export const institutionEntries = pgTable('institution_entries', {
  id: id(),
  institutionId: ref('institution_id').notNull().references(() => institutions.id),
  code: text('code').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
}, (t) => [
  uniqueIndex('institution_entries_code_key').on(t.code),
  // One live code per institution.
  uniqueIndex('institution_entries_live_key').on(t.institutionId).where(sql`revoked_at is null`),
])

/** Monthly (employee) or yearly (resident) contributions; only the credited part reaches the personal account. */
export const contributions = pgTable('contributions', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  period: text('period').notNull(), // YYYY-MM for monthly, YYYY for yearly
  baseFen: bigint('base_fen', { mode: 'number' }).notNull(),
  employerFen: bigint('employer_fen', { mode: 'number' }).notNull(),
  personalFen: bigint('personal_fen', { mode: 'number' }).notNull(),
  creditedFen: bigint('credited_fen', { mode: 'number' }).notNull(),
  payingUnit: text('paying_unit').notNull(),
  latePaid: boolean('late_paid').notNull().default(false),
  paidAt: ts('paid_at').notNull(),
}, (t) => [uniqueIndex('contributions_person_period_key').on(t.personId, t.period)])

/** A settlement at a hospital or pharmacy and how it was paid. */
export const settlements = pgTable('settlements', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  institutionId: ref('institution_id').notNull().references(() => institutions.id),
  visitType: text('visit_type', { enum: visitTypes }).notNull(),
  settledAt: ts('settled_at').notNull(),
  totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
  fundFen: bigint('fund_fen', { mode: 'number' }).notNull(),
  accountFen: bigint('account_fen', { mode: 'number' }).notNull(),
  mutualAidFen: bigint('mutual_aid_fen', { mode: 'number' }).notNull(),
  selfFen: bigint('self_fen', { mode: 'number' }).notNull(),
  beneficiaryName: text('beneficiary_name'), // set when the account paid for a relative (家庭共济)
  beneficiaryRelation: text('beneficiary_relation'),
  /** Unusual-charge flags set when the settlement is written (server/domain/anomalies.ts): rule + reason. */
  anomalies: jsonb('anomalies').$type<SettlementAnomaly[]>().notNull().default(sql`'[]'::jsonb`),
}, (t) => [
  index('settlements_person_time_idx').on(t.personId, t.settledAt, t.id),
  // Keyset pages filtered by type or by institution stay index scans with no sort.
  index('settlements_person_type_time_idx').on(t.personId, t.visitType, t.settledAt, t.id),
  index('settlements_person_institution_time_idx').on(t.personId, t.institutionId, t.settledAt, t.id),
])

export const anomalyRules = ['far_from_region', 'odd_hour', 'repeated_charge', 'unusually_large'] as const
export interface SettlementAnomaly { rule: (typeof anomalyRules)[number]; reason: string }

export const settlementItems = pgTable('settlement_items', {
  id: id(),
  settlementId: ref('settlement_id').notNull().references(() => settlements.id),
  name: text('name').notNull(),
  category: text('category', { enum: ['A', 'B', 'C'] }).notNull(), // 甲 / 乙 / 丙
  quantity: integer('quantity').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  fundCoveredFen: bigint('fund_covered_fen', { mode: 'number' }).notNull(),
}, (t) => [index('settlement_items_settlement_idx').on(t.settlementId)])

/** One row per money movement on the personal account; the balance is their sum (posted up to the sync time). */
export const ledgerEntries = pgTable('ledger_entries', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  kind: text('kind', { enum: ledgerKinds }).notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(), // credit > 0, debit < 0
  occurredAt: ts('occurred_at').notNull(),
  postedAt: ts('posted_at').notNull(),
  contributionId: ref('contribution_id').references(() => contributions.id),
  settlementId: ref('settlement_id').references(() => settlements.id),
  counterpartyName: text('counterparty_name'),
  note: text('note'),
}, (t) => [
  index('ledger_person_time_id_idx').on(t.personId, t.occurredAt, t.id),
  // 家庭共济缴费: premiums paid for relatives from the account (no settlement), paged newest first.
  index('ledger_family_premiums_idx').on(t.personId, t.occurredAt, t.id).where(sql`kind = 'mutual_aid' and settlement_id is null`),
  index('ledger_person_posted_idx').on(t.personId, t.postedAt),
])

/** The kinds of part a review takes off a claim: 起付线, 按比例自付, 目录外自费, 超过限额或限价, other. */
export const claimDeductionKinds = ['deductible', 'co_pay', 'self_pay', 'over_limit', 'other'] as const
export interface ClaimDeductionRow { kind: (typeof claimDeductionKinds)[number]; amountFen: number }

/** Reimbursement claims and their timelines. */
export const claims = pgTable('claims', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  claimNo: text('claim_no').notNull(),
  institutionId: ref('institution_id').references(() => institutions.id),
  title: text('title').notNull(),
  stage: text('stage', { enum: claimStages }).notNull(),
  claimedFen: bigint('claimed_fen', { mode: 'number' }).notNull(),
  approvedFen: bigint('approved_fen', { mode: 'number' }),
  missingMaterials: jsonb('missing_materials').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Why the approved amount is below the claimed one: the parts not paid, each with its reason; they add up to the difference. */
  deductions: jsonb('deductions').$type<ClaimDeductionRow[]>().notNull().default(sql`'[]'::jsonb`),
  /** Why a rejected claim was turned down (the bureau's words), or null. */
  rejectReason: text('reject_reason'),
  submittedAt: ts('submitted_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  /** Where the money goes: the bank's name and the card number, encrypted (DataCipher); only `**** 1234` leaves the server. */
  payoutBank: text('payout_bank'),
  payoutCardEnc: text('payout_card_enc'),
}, (t) => [uniqueIndex('claims_claim_no_key').on(t.claimNo), index('claims_person_idx').on(t.personId, t.submittedAt, t.id)])

export const claimEvents = pgTable('claim_events', {
  id: id(),
  claimId: ref('claim_id').notNull().references(() => claims.id),
  stage: text('stage', { enum: claimStages }).notNull(),
  occurredAt: ts('occurred_at').notNull(),
  note: text('note').notNull(),
}, (t) => [index('claim_events_claim_idx').on(t.claimId, t.occurredAt)])

/** "不是我的消费": a person disputes a settlement; withdrawn by them, or resolved by the bureau. */
export const disputeStatuses = ['open', 'withdrawn', 'confirmed', 'rejected'] as const
export const disputes = pgTable('disputes', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  settlementId: ref('settlement_id').notNull().references(() => settlements.id),
  status: text('status', { enum: disputeStatuses }).notNull().default('open'),
  /** What the person said, optional. */
  note: text('note'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  index('disputes_settlement_idx').on(t.settlementId, t.createdAt), index('disputes_person_idx').on(t.personId, t.createdAt),
  // At most one open dispute per settlement, whatever the application does.
  uniqueIndex('disputes_one_open_key').on(t.settlementId).where(sql`status = 'open'`),
])

/** Every read of account data and every share view, for 谁查看了我的数据. */
export const accessLogs = pgTable('access_logs', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  sessionId: ref('session_id'), // no FK: the log outlives the session
  /** What was read: 'account' | 'contributions' | 'spending' | 'spending_detail' | 'claims' | 'claim_detail'. */
  resource: text('resource').notNull(),
  resourceId: text('resource_id'),
  /** Who read it: 'self', or 'share' when a family member opened a shared claim (share_grant_id says which grant). */
  actor: text('actor').notNull().default('self'),
  /** The mini-program or web build the request came from ('weapp' | 'alipay' | 'h5'), as the client says. */
  channel: text('channel'),
  /** How the app was entered (WeChat launch scene, QR code, share card), as the client says. */
  scene: text('scene'),
  /** For actor 'share': which grant's token was used (no FK: the log outlives the grant). */
  shareGrantId: ref('share_grant_id'),
  at: ts('at').notNull(),
}, (t) => [index('access_logs_person_at_idx').on(t.personId, t.at), index('access_logs_at_idx').on(t.at)])

/**
 * 分享给家人: one claim shown to one recipient without a login. The token (≥ 128 random bits) is shown once and only
 * its SHA-256 is kept; unknown, expired and revoked tokens all answer alike.
 */
export const shareGrants = pgTable('share_grants', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  claimId: ref('claim_id').notNull().references(() => claims.id),
  tokenHash: text('token_hash').notNull(),
  /** The owner's own note of whom it is for (女儿); shown only to the owner. */
  recipientLabel: text('recipient_label'),
  showAmounts: boolean('show_amounts').notNull().default(false),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  viewCount: integer('view_count').notNull().default(0),
  lastViewedAt: ts('last_viewed_at'),
}, (t) => [
  uniqueIndex('share_grants_token_hash_key').on(t.tokenHash), index('share_grants_person_idx').on(t.personId, t.createdAt),
  index('share_grants_expires_idx').on(t.expiresAt), index('share_grants_revoked_idx').on(t.revokedAt).where(sql`revoked_at is not null`),
])

/**
 * WeChat one-time subscriptions to a claim's stage changes: each acceptance of requestSubscribeMessage allows one
 * message; the next stage change uses (and spends) the oldest unused one.
 */
export const claimSubscriptions = pgTable('claim_subscriptions', {
  id: id(),
  personId: ref('person_id').notNull().references(() => persons.id),
  claimId: ref('claim_id').notNull().references(() => claims.id),
  identityId: ref('identity_id').notNull().references(() => platformIdentities.id),
  templateId: text('template_id').notNull(),
  createdAt: ts('created_at').notNull(),
  usedAt: ts('used_at'),
}, (t) => [index('claim_subscriptions_claim_idx').on(t.claimId, t.usedAt)])

/** What the dev subscribe-message stand-in "sent" (GET /api/v1/dev/subscribe-outbox); never written in production. */
export const devSubscribeOutbox = pgTable('dev_subscribe_outbox', {
  id: id(),
  touser: text('touser').notNull(),
  templateId: text('template_id').notNull(),
  page: text('page').notNull(),
  data: jsonb('data').$type<Record<string, { value: string }>>().notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
})

/** Small facts about the data set: demo generator version, when the ledger was last synced from the core system. */
export const meta = pgTable('meta', {
  key: text('key').notNull(),
  value: text('value').notNull(),
}, (t) => [primaryKey({ columns: [t.key] })])
