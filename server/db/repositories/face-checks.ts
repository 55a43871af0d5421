// Face-check rows: started for one session, finished once by the server's own query.
import { and, eq } from 'drizzle-orm'
import type { Db } from '..'
import { faceChecks } from '../schema'

export type FaceCheckRow = typeof faceChecks.$inferSelect

export async function insertFaceCheck (db: Db, row: typeof faceChecks.$inferInsert): Promise<FaceCheckRow> {
  const [created] = await db.insert(faceChecks).values(row).returning()
  return created!
}

export async function findFaceCheck (db: Db, id: number, sessionId: number): Promise<FaceCheckRow | undefined> {
  const [row] = await db.select().from(faceChecks).where(and(eq(faceChecks.id, id), eq(faceChecks.sessionId, sessionId))).limit(1)
  return row
}

/** Moves a pending check to its outcome; false when another request finished it first. */
export async function finishFaceCheck (db: Db, id: number, status: 'passed' | 'failed', now: Date): Promise<boolean> {
  const rows = await db.update(faceChecks).set({ status, finishedAt: now })
    .where(and(eq(faceChecks.id, id), eq(faceChecks.status, 'pending'))).returning({ id: faceChecks.id })
  return rows.length === 1
}
