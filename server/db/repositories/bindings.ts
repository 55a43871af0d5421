// Binding rows: one pending real-name binding per session at a time, completed once.
import { TransactionRollbackError, and, count, desc, eq, gt, gte, isNull } from 'drizzle-orm'
import type { Db } from '..'
import { bindings, consents, faceChecks, platformIdentities, sessions } from '../schema'

export type BindingRow = typeof bindings.$inferSelect

export async function insertBinding (db: Db, row: typeof bindings.$inferInsert): Promise<BindingRow> {
  const [created] = await db.insert(bindings).values(row).returning()
  return created!
}

/** The session's latest unfinished, unexpired binding. */
export async function findPendingBinding (db: Db, sessionId: number, now: Date): Promise<BindingRow | undefined> {
  const [row] = await db.select().from(bindings)
    .where(and(eq(bindings.sessionId, sessionId), isNull(bindings.completedAt), gt(bindings.expiresAt, now)))
    .orderBy(desc(bindings.id)).limit(1)
  return row
}

/** Face checks for this session and candidate that ended without a pass. */
export async function countFailedBindFaceChecks (db: Db, sessionId: number, personId: number, since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(faceChecks).where(and(
    eq(faceChecks.sessionId, sessionId), eq(faceChecks.personId, personId), eq(faceChecks.purpose, 'bind'),
    eq(faceChecks.status, 'failed'), gte(faceChecks.createdAt, since)))
  return Number(row?.n ?? 0)
}

/**
 * Ties the identity, the session and the identity's consents to the person, and closes the binding, all or nothing. False when the
 * binding was already completed, or the identity got bound meanwhile (another session of it won the race).
 */
export async function completeBinding (db: Db, b: BindingRow, by: 'face' | 'sms', now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const closed = await tx.update(bindings).set({ completedBy: by, completedAt: now })
      .where(and(eq(bindings.id, b.id), isNull(bindings.completedAt))).returning({ id: bindings.id })
    if (closed.length !== 1) return false
    const tied = await tx.update(platformIdentities).set({ personId: b.personId })
      .where(and(eq(platformIdentities.id, b.identityId), isNull(platformIdentities.personId))).returning({ id: platformIdentities.id })
    if (tied.length !== 1) {
      tx.rollback()
      return false
    }
    await tx.update(sessions).set({ personId: b.personId }).where(and(eq(sessions.id, b.sessionId), isNull(sessions.personId)))
    // What the identity agreed to before it was bound (privacy policy, sensitive-information consent) is now the
    // person's: it was the person who agreed, and consents are read by person once a session is bound.
    await tx.update(consents).set({ personId: b.personId }).where(and(eq(consents.identityId, b.identityId), isNull(consents.personId)))
    return true
  }).catch((e: unknown) => {
    // drizzle's rollback() throws to unwind the transaction: that is the "false" above, not a failure.
    if (e instanceof TransactionRollbackError) return false
    throw e
  })
}
