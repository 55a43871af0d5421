// Claim reads and writes for 报销进度: a keyset page on (person_id, submitted_at, id), one claim with its timeline,
// and the WeChat subscriptions to a claim's stage changes.
import { and, asc, count, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '..'
import { rowsOf } from '../rows'
import { claimEvents, claimSubscriptions, claims, institutions, type ClaimDeductionRow, type claimStages } from '../schema'

export type ClaimStage = (typeof claimStages)[number]

const claimColumns = {
  id: claims.id,
  personId: claims.personId,
  claimNo: claims.claimNo,
  title: claims.title,
  stage: claims.stage,
  claimedFen: claims.claimedFen,
  approvedFen: claims.approvedFen,
  missingMaterials: claims.missingMaterials,
  deductions: claims.deductions,
  rejectReason: claims.rejectReason,
  submittedAt: claims.submittedAt,
  updatedAt: claims.updatedAt,
  payoutBank: claims.payoutBank,
  payoutCardEnc: claims.payoutCardEnc,
  institutionCode: institutions.code,
  institutionName: institutions.name,
}

export interface ClaimRow {
  id: number
  personId: number
  claimNo: string
  title: string
  stage: ClaimStage
  claimedFen: number
  approvedFen: number | null
  missingMaterials: string[]
  deductions: ClaimDeductionRow[]
  rejectReason: string | null
  submittedAt: Date
  updatedAt: Date
  payoutBank: string | null
  payoutCardEnc: string | null
  institutionCode: string | null
  institutionName: string | null
}

export interface ClaimPageArgs {
  personId: number
  /** Strictly older than this (submitted_at, id): the cursor's row. */
  before?: { t: Date; id: number }
  /** submitted_at ≥ from and < to (China day bounds already applied). */
  from?: Date
  to?: Date
  stage?: ClaimStage
  /** Only claims for care at this institution (its code; an unknown code matches nothing). */
  institution?: string
  limit: number
}

/**
 * One page, newest first. The index (person_id, submitted_at, id), scanned backward, gives this order with no sort;
 * the row comparison starts the scan right after the cursor's row. Stage and institution filters are filters on that
 * scan (a person has a handful of claims, so no index of their own); the institution is named by code, its id an init
 * plan as in the 消费记录 query.
 */
export function claimPageQuery (db: Db, a: ClaimPageArgs) {
  const where: SQL[] = [eq(claims.personId, a.personId)]
  if (a.before) where.push(sql`(${claims.submittedAt}, ${claims.id}) < (${a.before.t.toISOString()}::timestamptz, ${a.before.id}::bigint)`)
  if (a.from) where.push(gte(claims.submittedAt, a.from))
  if (a.to) where.push(lt(claims.submittedAt, a.to))
  if (a.stage) where.push(eq(claims.stage, a.stage))
  if (a.institution) where.push(sql`${claims.institutionId} = (select x.id from institutions x where x.code = ${a.institution})`)
  return db.select(claimColumns).from(claims).leftJoin(institutions, eq(institutions.id, claims.institutionId))
    .where(and(...where)).orderBy(desc(claims.submittedAt), desc(claims.id)).limit(a.limit)
}

export async function claimPage (db: Db, a: ClaimPageArgs): Promise<ClaimRow[]> {
  return claimPageQuery(db, a)
}

/** The claim with this id if it is this person's; another person's claim is as absent as a missing one. */
export async function findOwnClaim (db: Db, personId: number, id: number): Promise<ClaimRow | undefined> {
  const [row] = await db.select(claimColumns).from(claims).leftJoin(institutions, eq(institutions.id, claims.institutionId))
    .where(and(eq(claims.id, id), eq(claims.personId, personId))).limit(1)
  return row
}

export async function claimTimeline (db: Db, claimId: number) {
  return db.select({ stage: claimEvents.stage, occurredAt: claimEvents.occurredAt, note: claimEvents.note }).from(claimEvents)
    .where(eq(claimEvents.claimId, claimId)).orderBy(asc(claimEvents.occurredAt), asc(claimEvents.id))
}

export async function unusedSubscriptions (db: Db, claimId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(claimSubscriptions)
    .where(and(eq(claimSubscriptions.claimId, claimId), isNull(claimSubscriptions.usedAt)))
  return row?.n ?? 0
}

export async function insertSubscriptions (db: Db, rows: { personId: number; claimId: number; identityId: number; templateId: string; createdAt: Date }[]): Promise<void> {
  if (rows.length) await db.insert(claimSubscriptions).values(rows)
}

/**
 * Takes the claim's oldest unused subscription in one statement (marks it used now), so that two stage changes at
 * once never spend the same one; undefined when there is none.
 */
export async function takeOldestSubscription (db: Db, claimId: number, now: Date): Promise<{ id: number; identityId: number; templateId: string } | undefined> {
  const res = await db.execute(sql`
    update claim_subscriptions set used_at = ${now.toISOString()}::timestamptz
    where id = (
      select id from claim_subscriptions where claim_id = ${claimId} and used_at is null
      order by created_at, id limit 1 for update skip locked
    ) and used_at is null
    returning id, identity_id, template_id`)
  const [row] = rowsOf<{ id: number | string; identity_id: number | string; template_id: string }>(res)
  return row ? { id: Number(row.id), identityId: Number(row.identity_id), templateId: row.template_id } : undefined
}

/** Gives a taken subscription back (the message could not go out, and WeChat did not use the acceptance). */
export async function releaseSubscription (db: Db, id: number): Promise<void> {
  await db.update(claimSubscriptions).set({ usedAt: null }).where(eq(claimSubscriptions.id, id))
}
