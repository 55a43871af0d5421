// SMS code rows: the code is kept only as a keyed hash; tries and use are counted atomically in SQL.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '..'
import { smsCodes } from '../schema'

export type SmsCodeRow = typeof smsCodes.$inferSelect

export async function latestCode (db: Db, phoneHash: string, purpose: string): Promise<SmsCodeRow | undefined> {
  const [row] = await db.select().from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.purpose, purpose)))
    .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id)).limit(1)
  return row
}

/** Codes sent to one recipient since `since`, whatever they were about (login, reset, verification). */
export async function countSentTo (db: Db, recipientHash: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(smsCodes)
    .where(and(eq(smsCodes.recipientHash, recipientHash), gt(smsCodes.createdAt, since)))
  return row?.n ?? 0
}

export async function insertCode (db: Db, row: typeof smsCodes.$inferInsert): Promise<void> {
  await db.insert(smsCodes).values(row)
}

/** Counts one try; returns the new count, or undefined when the row is used up (or already at the limit). */
export async function countAttempt (db: Db, id: number, max: number): Promise<number | undefined> {
  const [row] = await db.update(smsCodes).set({ attempts: sql`${smsCodes.attempts} + 1` })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.consumedAt), lt(smsCodes.attempts, max)))
    .returning({ attempts: smsCodes.attempts })
  return row?.attempts
}

/** Marks the code used; false when another request used it first. */
export async function consumeCode (db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(smsCodes).set({ consumedAt: now })
    .where(and(eq(smsCodes.id, id), isNull(smsCodes.consumedAt))).returning({ id: smsCodes.id })
  return rows.length === 1
}
