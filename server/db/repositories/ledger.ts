// Ledger reads: the balance (always the sum of postings, never a stored figure) and the 家庭共济缴费 page.
import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '..'
import { ledgerEntries } from '../schema'

export async function balanceFen (db: Db, personId: number, postedUpTo: Date): Promise<number> {
  const [row] = await db.select({ total: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.personId, personId), lte(ledgerEntries.postedAt, postedUpTo)))
  return Number(row?.total ?? 0)
}

/**
 * The one statement of a 家庭共济缴费 page: the (person, occurred_at, id) ledger index, scanned backward, filtered to
 * mutual-aid entries with no settlement (a relative's resident premium; a relative's medical bill is a settlement).
 */
export function familyPremiumPageQuery (db: Db, o: { personId: number; limit: number; from?: Date; to?: Date; before?: { t: string; id: number } }) {
  const l = ledgerEntries
  const where: SQL[] = [eq(l.personId, o.personId), eq(l.kind, 'mutual_aid'), sql`${l.settlementId} is null`]
  if (o.from) where.push(gte(l.occurredAt, o.from))
  if (o.to) where.push(lt(l.occurredAt, o.to))
  if (o.before) where.push(sql`(${l.occurredAt}, ${l.id}) < (${o.before.t}::timestamptz, ${o.before.id}::bigint)`)
  return db.select({ id: l.id, occurredAt: l.occurredAt, amountFen: l.amountFen, counterpartyName: l.counterpartyName, note: l.note })
    .from(l).where(and(...where)).orderBy(desc(l.occurredAt), desc(l.id)).limit(o.limit)
}
