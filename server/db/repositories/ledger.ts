// Ledger reads: the balance is always the sum of postings, never a stored figure.
import { and, eq, lte, sql } from 'drizzle-orm'
import type { Db } from '..'
import { ledgerEntries } from '../schema'

export async function balanceFen (db: Db, personId: number, postedUpTo: Date): Promise<number> {
  const [row] = await db.select({ total: sql<string>`coalesce(sum(${ledgerEntries.amountFen}), 0)::text` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.personId, personId), lte(ledgerEntries.postedAt, postedUpTo)))
  return Number(row?.total ?? 0)
}
