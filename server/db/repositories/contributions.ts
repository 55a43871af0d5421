// Contribution reads for 缴费记录: a keyset page on (person_id, period) and the person's periods for gap detection.
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm'
import type { Db } from '..'
import { contributions } from '../schema'

export type ContributionRow = typeof contributions.$inferSelect

export interface ContributionPageArgs {
  personId: number
  /** Only periods strictly older than this one (the cursor's period). */
  before?: string
  /** Inclusive period bounds from the `from` / `to` filters, in the person's period format. */
  fromPeriod?: string
  toPeriod?: string
  limit: number
}

/**
 * One page, newest period first. A person has at most one row per period (unique index), so the period alone is a
 * total order and the unique index (person_id, period), scanned backward, answers it with no sort.
 */
export function contributionPageQuery (db: Db, a: ContributionPageArgs) {
  const where: SQL[] = [eq(contributions.personId, a.personId)]
  if (a.before !== undefined) where.push(lt(contributions.period, a.before))
  if (a.fromPeriod !== undefined) where.push(gte(contributions.period, a.fromPeriod))
  if (a.toPeriod !== undefined) where.push(lte(contributions.period, a.toPeriod))
  return db.select().from(contributions).where(and(...where)).orderBy(desc(contributions.period)).limit(a.limit)
}

export async function contributionPage (db: Db, a: ContributionPageArgs): Promise<ContributionRow[]> {
  return contributionPageQuery(db, a)
}

/** Every period the person has a record for (a few hundred at most), with its row id, in no particular order. */
export async function contributionPeriods (db: Db, personId: number): Promise<{ id: number; period: string }[]> {
  return db.select({ id: contributions.id, period: contributions.period }).from(contributions)
    .where(eq(contributions.personId, personId))
}
