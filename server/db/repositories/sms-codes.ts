// SMS code rows: the code is kept only as a keyed hash; tries and use are counted atomically in SQL; who asked and
// who received, as keyed hashes, for the daily caps.
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '..'
import { smsCodes } from '../schema'

export type SmsCodeRow = typeof smsCodes.$inferSelect

/**
 * The newest code about `phoneHash`, sent or not: the cooldown runs from it and a check compares with it. A request
 * the daily caps answered without sending stores a code that matches nothing, exactly like one for a subject nobody
 * has, so a wrong guess afterwards is answered alike too.
 */
export async function latestCode (db: Db, phoneHash: string, purpose: string): Promise<SmsCodeRow | undefined> {
  const [row] = await db.select().from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.purpose, purpose)))
    .orderBy(desc(smsCodes.createdAt), desc(smsCodes.id)).limit(1)
  return row
}

/** When one requester asked about `phoneHash` since `since` (any purpose, sent or not), oldest first. */
export async function requestTimes (db: Db, requesterHash: string, phoneHash: string, since: Date): Promise<Date[]> {
  const rows = await db.select({ createdAt: smsCodes.createdAt }).from(smsCodes)
    .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.requesterHash, requesterHash), gt(smsCodes.createdAt, since)))
    .orderBy(asc(smsCodes.createdAt))
  return rows.map((r) => r.createdAt)
}

/** Codes sent to one recipient since `since`, whatever they were about (login, reset, verification), by anyone. */
export async function countSentTo (db: Db, recipientHash: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(smsCodes)
    .where(and(eq(smsCodes.recipientHash, recipientHash), gt(smsCodes.createdAt, since)))
  return row?.n ?? 0
}

/** Codes sent to one recipient since `since` at one requester's asking. */
export async function countSentBy (db: Db, requesterHash: string, recipientHash: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(smsCodes)
    .where(and(eq(smsCodes.requesterHash, requesterHash), eq(smsCodes.recipientHash, recipientHash), gt(smsCodes.createdAt, since)))
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
