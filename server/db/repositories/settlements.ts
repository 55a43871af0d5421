// Settlement reads for 消费记录: the keyset page, one settlement with its items, and the institutions a person has
// settled at. Every read is scoped to the person: another person's id finds nothing, exactly like a missing one.
//
// Page queries: one statement per page, `limit + 1` rows to know whether there is a next page, ordered by
// (settled_at desc, id desc) so that the index for the filter shape is scanned backward with no sort:
// no filter → settlements_person_time_idx, type → settlements_person_type_time_idx, institution →
// settlements_person_institution_time_idx (test/server/routes/api/v1/spending checks the plans). A filtered first
// page also counts and sums what the filter selects, over the same conditions and so the same index.
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '..'
import { institutions, settlementItems, settlements, type SettlementAnomaly } from '../schema'

export type VisitType = (typeof settlements.$inferSelect)['visitType']

/** A settlement with its institution and whether it has an open dispute. */
export interface SettlementRow {
  id: number; settledAt: Date; visitType: VisitType; totalFen: number; fundFen: number; accountFen: number
  mutualAidFen: number; selfFen: number; beneficiaryName: string | null; beneficiaryRelation: string | null
  anomalies: SettlementAnomaly[]; openDispute: boolean
  instCode: string; instName: string; instKind: 'hospital' | 'pharmacy' | 'clinic'; instRegion: string
}

/** Where a keyset page starts: strictly older than this time, then this id. */
export interface PageStart { t: string; id: number }

function settlementSelect (db: Db) {
  const s = settlements
  return db.select({
    id: s.id, settledAt: s.settledAt, visitType: s.visitType, totalFen: s.totalFen, fundFen: s.fundFen,
    accountFen: s.accountFen, mutualAidFen: s.mutualAidFen, selfFen: s.selfFen,
    beneficiaryName: s.beneficiaryName, beneficiaryRelation: s.beneficiaryRelation, anomalies: s.anomalies,
    openDispute: sql<boolean>`exists (select 1 from disputes d where d.settlement_id = ${s.id} and d.status = 'open')`,
    instCode: institutions.code, instName: institutions.name, instKind: institutions.kind, instRegion: institutions.regionCode,
  }).from(s).innerJoin(institutions, eq(institutions.id, s.institutionId))
}

/**
 * The one statement of a 消费记录 page (exported so that the tests EXPLAIN exactly what the route runs). The institution
 * filter is by code: its id is an init plan, so the (person, institution, time) index is still what is scanned.
 */
export interface SpendingFilter { personId: number; type?: VisitType; institution?: string; from?: Date; to?: Date }

/** The conditions of a filter, shared by the page and its totals so that both count the very same rows. */
function spendingWhere (o: SpendingFilter): SQL[] {
  const s = settlements
  const where: SQL[] = [eq(s.personId, o.personId)]
  if (o.type) where.push(eq(s.visitType, o.type))
  if (o.institution) where.push(sql`${s.institutionId} = (select x.id from institutions x where x.code = ${o.institution})`)
  if (o.from) where.push(gte(s.settledAt, o.from))
  if (o.to) where.push(lt(s.settledAt, o.to))
  return where
}

export function spendingPageQuery (db: Db, o: SpendingFilter & { limit: number; before?: PageStart }) {
  const s = settlements
  const where = spendingWhere(o)
  if (o.before) where.push(sql`(${s.settledAt}, ${s.id}) < (${o.before.t}::timestamptz, ${o.before.id}::bigint)`)
  return settlementSelect(db).where(and(...where)).orderBy(desc(s.settledAt), desc(s.id)).limit(o.limit)
}

/**
 * How many settlements a filter selects and their total, in one aggregate over the same conditions as the pages, so
 * the filter's index narrows it (exported so that the tests EXPLAIN what the route runs). A sum of integers is a
 * bigint, which drivers hand back as a string: it is cast to float8, exact for any sum of money below 2^53 fen.
 */
export function spendingTotalsQuery (db: Db, o: SpendingFilter) {
  return db.select({
    count: sql<number>`count(*)::int`.mapWith(Number),
    totalFen: sql<number>`coalesce(sum(${settlements.totalFen}), 0)::float8`.mapWith(Number),
  }).from(settlements).where(and(...spendingWhere(o)))
}

/** The settlement with this id if it is this person's. */
export async function findOwnSettlement (db: Db, personId: number, id: number): Promise<SettlementRow | undefined> {
  const [row] = await settlementSelect(db).where(and(eq(settlements.id, id), eq(settlements.personId, personId))).limit(1)
  return row
}

/** Locks the person's own settlement for the rest of the transaction; false when it is not theirs or missing. */
export async function lockOwnSettlement (db: Db, personId: number, id: number): Promise<boolean> {
  const rows = await db.select({ id: settlements.id }).from(settlements)
    .where(and(eq(settlements.id, id), eq(settlements.personId, personId))).limit(1).for('update')
  return rows.length === 1
}

export function settlementLines (db: Db, settlementId: number) {
  return db.select().from(settlementItems).where(eq(settlementItems.settlementId, settlementId)).orderBy(asc(settlementItems.id))
}

/** The institutions the person has settled at, with how often and when last, the most recently visited first. */
export async function visitedInstitutions (db: Db, personId: number, limit: number) {
  const visits = db.select({
    institutionId: settlements.institutionId,
    count: sql<number>`count(*)::int`.as('visit_count'),
    last: sql<Date>`max(${settlements.settledAt})`.mapWith(settlements.settledAt).as('last_settled_at'),
  }).from(settlements).where(eq(settlements.personId, personId)).groupBy(settlements.institutionId).as('v')
  return db.select({
    code: institutions.code, name: institutions.name, kind: institutions.kind, regionCode: institutions.regionCode,
    count: visits.count, last: visits.last,
  }).from(visits).innerJoin(institutions, eq(institutions.id, visits.institutionId))
    .orderBy(desc(visits.last), asc(institutions.code)).limit(limit)
}
