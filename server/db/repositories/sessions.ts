// Session rows: created with a token hash, found by it, touched, revoked.
import { and, eq, isNull, lt, ne } from 'drizzle-orm'
import type { Db } from '..'
import { persons, sessions } from '../schema'

export type SessionRow = typeof sessions.$inferSelect

export async function insertSession (db: Db, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [created] = await db.insert(sessions).values(row).returning()
  return created!
}

/** A session with whether its person (if bound) is still active: read on every request, so one query. */
export type SessionWithPerson = SessionRow & { personActive: boolean }

export async function findSessionByTokenHash (db: Db, tokenHash: string): Promise<SessionWithPerson | undefined> {
  const [row] = await db.select({ session: sessions, personStatus: persons.status }).from(sessions)
    .leftJoin(persons, eq(persons.id, sessions.personId))
    .where(eq(sessions.tokenHash, tokenHash)).limit(1)
  return row && { ...row.session, personActive: row.session.personId === null || row.personStatus === 'active' }
}

/** Moves last_seen_at forward, at most once per `minGapMs`, so reads do not each cost a write. */
export async function touchSession (db: Db, id: number, now: Date, minGapMs: number): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - minGapMs))))
}

export async function revokeSession (db: Db, id: number, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
}

/** Ends every session of a person but `keep` (after a password reset, whoever else held one is out). */
export async function revokeSessionsOfPerson (db: Db, personId: number, now: Date, keep?: number): Promise<void> {
  await db.update(sessions).set({ revokedAt: now })
    .where(and(eq(sessions.personId, personId), isNull(sessions.revokedAt), keep === undefined ? undefined : ne(sessions.id, keep)))
}

/** Opens the verification window; `strongAt` is set unless the check was a SOTER unlock. */
export async function setVerifiedUntil (db: Db, id: number, until: Date, strongAt?: Date): Promise<void> {
  await db.update(sessions).set(strongAt ? { verifiedUntil: until, strongVerifiedAt: strongAt } : { verifiedUntil: until }).where(eq(sessions.id, id))
}
