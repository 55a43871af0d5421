// The account summary: who, which insurance, where, the balance as the sum of the ledger up to the sync time, and
// this year's money in and out (账户余额).
//
// This year (`thisYear`): the China calendar year of the data's asOf, from 1 January 00:00 China time.
//   - Ledger figures (persons with an account): the postings that arrived by asOf (posted_at ≤ asOf, the balance's
//     own rule) and whose money moved this year (occurred_at ≥ 1 January), split by kind: contribution and
//     retiree_allocation are credited, adjustment (year-end interest, corrections) is an adjustment, consumption is
//     the person's own spending (at a pharmacy when the linked settlement's institution is one, otherwise at a
//     hospital or clinic), mutual_aid is 家庭共济 (a relative's bill or resident premium). Every posting lands in
//     exactly one figure, so balance = opening + credited + adjustments − spent − mutual aid holds exactly.
//   - Settlement figures: the person's settlements (their own and the ones paid for relatives) settled this year up
//     to asOf.
//   - Claims are live (the bureau moves them at any time, not with the ledger sync): in progress means not paid and
//     not rejected, whenever submitted; paid this year means reaching `paid` (its last update) in this calendar year.
//   - Premiums: a resident's three newest yearly contributions, the rows the 缴费记录 page lists.
// Each is one aggregate over this person's rows through an index that starts with person_id: the ledger's
// (person_id, occurred_at, id), settlements' (person_id, settled_at, id), claims' (person_id, submitted_at, id) and
// contributions' unique (person_id, period). test/server/routes/api/v1/account/this-year.test.ts checks the plans.
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm'
import type { AccountSummary, AccountYear, InsuranceType } from '../../types/api/account'
import type { Db } from '../db'
import { findPersonById } from '../db/repositories/persons'
import { balanceFen } from '../db/repositories/ledger'
import { getMeta } from '../db/repositories/meta'
import { claims, contributions, institutions, ledgerEntries, settlements } from '../db/schema'
import type { Clock } from './ports'
import { AppError } from './errors'
import { maskName } from './mask'
import { regionName } from './regions'

const insuranceTypeNames: Record<InsuranceType, string> = {
  employee: '职工医保（在职）',
  retiree: '职工医保（退休）',
  resident: '城乡居民医保',
}

/** China has had no daylight saving time since 1991: +08:00 is exact. */
const CN_OFFSET_MS = 8 * 3600_000
/** How many yearly premiums a resident's summary lists. */
export const PREMIUM_YEARS = 3

/** When the ledger was last brought up to date from the core system; records after it have not arrived yet. */
export async function ledgerSyncedAt (db: Db, clock: Clock): Promise<Date> {
  const raw = await getMeta(db, 'ledger_synced_at')
  const t = raw ? new Date(raw) : undefined
  return t && !Number.isNaN(t.getTime()) ? t : clock.now()
}

/** The China calendar year an instant falls in, with its first instant and the next year's. */
export function chinaYearOf (t: Date): { year: number; start: Date; end: Date } {
  const year = new Date(t.getTime() + CN_OFFSET_MS).getUTCFullYear()
  return {
    year,
    start: new Date(Date.UTC(year, 0, 1) - CN_OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - CN_OFFSET_MS),
  }
}

/** A sum of bigint fen as text (exact), or a count; coalesced to 0. */
const total = (expr: ReturnType<typeof sql>) => sql<string>`coalesce(${expr}, 0)::text`

/** This year's postings by kind, one aggregate over the person's (person_id, occurred_at, id) index range. */
export function ledgerYearQuery (db: Db, o: { personId: number; from: Date; postedUpTo: Date }) {
  const l = ledgerEntries
  const pharmacy = sql`${institutions.kind} = 'pharmacy'`
  return db.select({
    credited: total(sql`sum(${l.amountFen}) filter (where ${l.kind} in ('contribution', 'retiree_allocation'))`),
    adjustments: total(sql`sum(${l.amountFen}) filter (where ${l.kind} = 'adjustment')`),
    // A consumption posting with no settlement (or none at a pharmacy) counts as spent at a medical institution.
    atPharmacies: total(sql`-sum(${l.amountFen}) filter (where ${l.kind} = 'consumption' and ${pharmacy})`),
    atHospitals: total(sql`-sum(${l.amountFen}) filter (where ${l.kind} = 'consumption' and (${pharmacy}) is not true)`),
    mutualAid: total(sql`-sum(${l.amountFen}) filter (where ${l.kind} = 'mutual_aid')`),
    net: total(sql`sum(${l.amountFen})`),
  }).from(l)
    .leftJoin(settlements, eq(settlements.id, l.settlementId))
    .leftJoin(institutions, eq(institutions.id, settlements.institutionId))
    .where(and(eq(l.personId, o.personId), gte(l.occurredAt, o.from), lte(l.postedAt, o.postedUpTo)))
}

/** This year's settlements (own and for relatives): how many, what they cost, what the pooled fund paid. */
export function settlementYearQuery (db: Db, o: { personId: number; from: Date; to: Date }) {
  const s = settlements
  return db.select({
    count: total(sql`count(*)`),
    totalFen: total(sql`sum(${s.totalFen})`),
    fundFen: total(sql`sum(${s.fundFen})`),
  }).from(s).where(and(eq(s.personId, o.personId), gte(s.settledAt, o.from), lte(s.settledAt, o.to)))
}

/** Claims still in progress (any year) and the approved amount of those paid in [from, to). */
export function claimYearQuery (db: Db, o: { personId: number; from: Date; to: Date }) {
  const c = claims
  return db.select({
    inProgress: total(sql`count(*) filter (where ${c.stage} not in ('paid', 'rejected'))`),
    paidFen: total(sql`sum(${c.approvedFen}) filter (where ${c.stage} = 'paid' and ${c.updatedAt} >= ${o.from.toISOString()}::timestamptz and ${c.updatedAt} < ${o.to.toISOString()}::timestamptz)`),
  }).from(c).where(eq(c.personId, o.personId))
}

/** A resident's newest yearly premiums (period YYYY), from the unique (person_id, period) index scanned backward. */
export function premiumQuery (db: Db, personId: number) {
  const c = contributions
  return db.select({ period: c.period, amountFen: c.personalFen, paidAt: c.paidAt }).from(c)
    .where(and(eq(c.personId, personId), sql`${c.period} ~ '^[0-9]{4}$'`))
    .orderBy(desc(c.period)).limit(PREMIUM_YEARS)
}

async function accountYear (db: Db, o: { personId: number; hasPersonalAccount: boolean; resident: boolean; asOf: Date; balanceFen: number }): Promise<AccountYear> {
  const { year, start, end } = chinaYearOf(o.asOf)
  const [ledger, [visits], [claimRow], premiums] = await Promise.all([
    o.hasPersonalAccount ? ledgerYearQuery(db, { personId: o.personId, from: start, postedUpTo: o.asOf }) : Promise.resolve([]),
    settlementYearQuery(db, { personId: o.personId, from: start, to: o.asOf }),
    claimYearQuery(db, { personId: o.personId, from: start, to: end }),
    o.resident ? premiumQuery(db, o.personId) : Promise.resolve([]),
  ])
  const l = ledger[0]
  const n = (v: string | undefined) => Number(v ?? 0)
  return {
    year,
    openingBalanceFen: o.hasPersonalAccount ? o.balanceFen - n(l?.net) : 0,
    creditedFen: n(l?.credited),
    adjustmentsFen: n(l?.adjustments),
    spentAtHospitalsFen: n(l?.atHospitals),
    spentAtPharmaciesFen: n(l?.atPharmacies),
    mutualAidFen: n(l?.mutualAid),
    settlementCount: n(visits?.count),
    settlementTotalFen: n(visits?.totalFen),
    fundPaidFen: n(visits?.fundFen),
    premiums: premiums.map((p) => ({ year: Number(p.period), amountFen: p.amountFen, paidAt: p.paidAt.toISOString() })),
    claimsInProgress: n(claimRow?.inProgress),
    claimsPaidFen: n(claimRow?.paidFen),
  }
}

export async function accountSummary (db: Db, clock: Clock, personId: number): Promise<AccountSummary> {
  const person = await findPersonById(db, personId)
  if (!person) throw new AppError('not_found', '没有找到您的参保信息，请联系参保地医保经办机构')
  const asOf = await ledgerSyncedAt(db, clock)
  const hasPersonalAccount = person.insuranceType !== 'resident'
  const balance = hasPersonalAccount ? await balanceFen(db, person.id, asOf) : 0
  return {
    maskedName: maskName(person.name),
    insuranceType: person.insuranceType,
    insuranceTypeName: insuranceTypeNames[person.insuranceType],
    region: { code: person.regionCode, name: regionName(person.regionCode) ?? `参保地 ${person.regionCode}` },
    hasPersonalAccount,
    balanceFen: balance,
    asOf: asOf.toISOString(),
    thisYear: await accountYear(db, {
      personId: person.id, hasPersonalAccount, resident: person.insuranceType === 'resident', asOf, balanceFen: balance,
    }),
  }
}
