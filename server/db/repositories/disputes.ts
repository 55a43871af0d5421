// 「不是我的消费」 disputes: a settlement's history, and the rows a dispute's creation and withdrawal lock and write.
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '..'
import { disputes } from '../schema'

export type DisputeRow = typeof disputes.$inferSelect

/** A settlement's disputes, newest first. */
export function disputesOf (db: Db, settlementId: number): Promise<DisputeRow[]> {
  return db.select().from(disputes).where(eq(disputes.settlementId, settlementId))
    .orderBy(desc(disputes.createdAt), desc(disputes.id))
}

export async function insertDispute (db: Db, row: typeof disputes.$inferInsert): Promise<DisputeRow> {
  const [created] = await db.insert(disputes).values(row).returning()
  return created!
}

/** Locks the person's own dispute on this settlement for the rest of the transaction. */
export async function lockOwnDispute (db: Db, o: { personId: number; settlementId: number; disputeId: number }): Promise<DisputeRow | undefined> {
  const [row] = await db.select().from(disputes)
    .where(and(eq(disputes.id, o.disputeId), eq(disputes.settlementId, o.settlementId), eq(disputes.personId, o.personId)))
    .limit(1).for('update')
  return row
}

export async function setDisputeStatus (db: Db, id: number, status: DisputeRow['status'], at: Date): Promise<DisputeRow> {
  const [updated] = await db.update(disputes).set({ status, updatedAt: at }).where(eq(disputes.id, id)).returning()
  return updated!
}
