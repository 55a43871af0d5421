// SOTER challenge rows: only the challenge's SHA-256 is kept; each is consumed once, by its own session, in one statement.
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '..'
import { soterChallenges } from '../schema'

export type SoterChallengeRow = typeof soterChallenges.$inferSelect

export async function insertSoterChallenge (db: Db, row: typeof soterChallenges.$inferInsert): Promise<SoterChallengeRow> {
  const [created] = await db.insert(soterChallenges).values(row).returning()
  return created!
}

/**
 * Marks the challenge with this hash used, if it belongs to `sessionId`, is unused and has not expired at `now`;
 * returns the row, or undefined. One conditional UPDATE, so of two parallel requests with the same challenge only
 * one gets the row back.
 */
export async function consumeSoterChallenge (db: Db, challengeHash: string, sessionId: number, now: Date):
Promise<SoterChallengeRow | undefined> {
  const [row] = await db.update(soterChallenges).set({ usedAt: now })
    .where(and(
      eq(soterChallenges.challengeHash, challengeHash),
      eq(soterChallenges.sessionId, sessionId),
      isNull(soterChallenges.usedAt),
      gt(soterChallenges.expiresAt, now),
    ))
    .returning()
  return row
}
