// Share grant reads and writes for 分享给家人: create under a per-person lock, 我的分享's list, revocation, the live
// grant behind a token hash, a view counted only while the grant is still live, and the grant's views of the last
// minute (its per-grant cap).
import { and, count, desc, eq, gt, isNull, min, sql } from 'drizzle-orm'
import type { Db } from '..'
import { accessLogs, claims, persons, shareGrants } from '../schema'

export type ShareGrantRow = typeof shareGrants.$inferSelect

/** A grant as 我的分享 lists it: with its claim's title and number. */
export type OwnedGrantRow = ShareGrantRow & { claimTitle: string; claimNo: string }

/** A live grant found by its token's hash, with what the family view needs of its owner. */
export interface LiveGrantRow {
  id: number
  personId: number
  claimId: number
  showAmounts: boolean
  expiresAt: Date
  ownerName: string
}

/**
 * Locks the person's row for the rest of the transaction, so that concurrent creates (in any number of processes)
 * count and insert one after another and the live-grant bound holds exactly.
 */
export async function lockPersonForShares (db: Db, personId: number): Promise<boolean> {
  const rows = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).limit(1).for('update')
  return rows.length === 1
}

/** Grants that still open the view: not revoked, not expired at `now`. */
export async function countLiveGrants (db: Db, personId: number, now: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(shareGrants)
    .where(and(eq(shareGrants.personId, personId), isNull(shareGrants.revokedAt), gt(shareGrants.expiresAt, now)))
  return row?.n ?? 0
}

export async function insertGrant (db: Db, row: typeof shareGrants.$inferInsert): Promise<ShareGrantRow> {
  const [created] = await db.insert(shareGrants).values(row).returning()
  return created!
}

/**
 * 我的分享, newest first: every grant that is live or ended (revoked or expired) after `endedSince`. A grant ends at
 * its revocation or its expiry, whichever came first.
 */
export async function listOwnGrants (db: Db, personId: number, endedSince: Date, limit: number): Promise<OwnedGrantRow[]> {
  const rows = await db.select({ g: shareGrants, claimTitle: claims.title, claimNo: claims.claimNo }).from(shareGrants)
    .innerJoin(claims, eq(claims.id, shareGrants.claimId))
    .where(and(eq(shareGrants.personId, personId),
      sql`least(coalesce(${shareGrants.revokedAt}, ${shareGrants.expiresAt}), ${shareGrants.expiresAt}) > ${endedSince.toISOString()}::timestamptz`))
    .orderBy(desc(shareGrants.createdAt), desc(shareGrants.id)).limit(limit)
  return rows.map((r) => ({ ...r.g, claimTitle: r.claimTitle, claimNo: r.claimNo }))
}

export async function ownGrantExists (db: Db, personId: number, id: number): Promise<boolean> {
  const rows = await db.select({ id: shareGrants.id }).from(shareGrants)
    .where(and(eq(shareGrants.id, id), eq(shareGrants.personId, personId))).limit(1)
  return rows.length === 1
}

/**
 * Revokes the person's live grants (one by id, or all of them) and returns how many this call revoked: a grant
 * already revoked or expired is left as it is, so repeating a revocation changes nothing.
 */
export async function revokeLiveGrants (db: Db, personId: number, now: Date, id?: number): Promise<number> {
  const rows = await db.update(shareGrants).set({ revokedAt: now })
    .where(and(eq(shareGrants.personId, personId), id === undefined ? undefined : eq(shareGrants.id, id),
      isNull(shareGrants.revokedAt), gt(shareGrants.expiresAt, now)))
    .returning({ id: shareGrants.id })
  return rows.length
}

/** The grant behind a token hash if it is live at `now` and its owner is an active person; else undefined. */
export async function findLiveGrantByTokenHash (db: Db, tokenHash: string, now: Date): Promise<LiveGrantRow | undefined> {
  const [row] = await db.select({
    id: shareGrants.id, personId: shareGrants.personId, claimId: shareGrants.claimId, showAmounts: shareGrants.showAmounts,
    expiresAt: shareGrants.expiresAt, ownerName: persons.name,
  }).from(shareGrants).innerJoin(persons, eq(persons.id, shareGrants.personId))
    .where(and(eq(shareGrants.tokenHash, tokenHash), isNull(shareGrants.revokedAt), gt(shareGrants.expiresAt, now), eq(persons.status, 'active')))
    .limit(1)
  return row
}

/**
 * Counts one view in a single statement (concurrent views from any process all count) if the grant is still live
 * at `now`: a revocation that committed in the meantime wins. True when the view was counted.
 */
export async function countView (db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(shareGrants)
    .set({ viewCount: sql`${shareGrants.viewCount} + 1`, lastViewedAt: sql`greatest(${shareGrants.lastViewedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(shareGrants.id, id), isNull(shareGrants.revokedAt), gt(shareGrants.expiresAt, now)))
    .returning({ id: shareGrants.id })
  return rows.length === 1
}

/**
 * The grant's views logged after `since`, from the owner's access log (one row per counted view): how many, and when
 * the oldest of them was. The (person, at) index bounds the read to the owner's rows of that stretch.
 */
export async function recentViews (db: Db, personId: number, grantId: number, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db.select({ n: count(), oldest: min(accessLogs.at) }).from(accessLogs)
    .where(and(eq(accessLogs.personId, personId), gt(accessLogs.at, since), eq(accessLogs.shareGrantId, grantId)))
  return { count: row?.n ?? 0, oldest: row?.oldest ?? null }
}
