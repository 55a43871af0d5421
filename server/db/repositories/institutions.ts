// Institution reads and entry-code writes: an institution by its code or by one of its entry codes (live or
// revoked), its settlements and claims at it this year, and issuing / revoking its public entry code.
import { and, eq, gte, isNull, lt, lte, sql } from 'drizzle-orm'
import type { Db } from '..'
import { claims, institutionEntries, institutions, settlements } from '../schema'

export type InstitutionRow = typeof institutions.$inferSelect

export interface EntryLookup {
  institution: InstitutionRow
  entry: { id: number; code: string; createdAt: Date; revokedAt: Date | null }
}

export async function findInstitutionByCode (db: Db, code: string): Promise<InstitutionRow | undefined> {
  const [row] = await db.select().from(institutions).where(eq(institutions.code, code)).limit(1)
  return row
}

/** The entry code's row, live or revoked (the caller tells the two apart), with its institution. */
export async function findEntry (db: Db, entryCode: string): Promise<EntryLookup | undefined> {
  const [row] = await db.select({
    institution: institutions,
    entry: { id: institutionEntries.id, code: institutionEntries.code, createdAt: institutionEntries.createdAt, revokedAt: institutionEntries.revokedAt },
  }).from(institutionEntries).innerJoin(institutions, eq(institutions.id, institutionEntries.institutionId))
    .where(eq(institutionEntries.code, entryCode)).limit(1)
  return row
}

/** The institution's live code, if it has one (the partial unique index allows at most one). */
export async function liveEntry (db: Db, institutionId: number): Promise<{ code: string; createdAt: Date } | undefined> {
  const [row] = await db.select({ code: institutionEntries.code, createdAt: institutionEntries.createdAt }).from(institutionEntries)
    .where(and(eq(institutionEntries.institutionId, institutionId), isNull(institutionEntries.revokedAt))).limit(1)
  return row
}

/**
 * Runs `work` in one transaction holding the institution's row lock, so that two issuers of one institution (two
 * operators, two server processes) take turns: the second sees the first's new code instead of both inserting one
 * and the loser failing on institution_entries_live_key.
 */
export async function withInstitutionLocked<T> (db: Db, institutionId: number, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, institutionId)).for('update')
    return work(tx as unknown as Db)
  })
}

/** Revokes the institution's live code (if any) at `now`; returns the code revoked. */
export async function revokeLiveEntry (db: Db, institutionId: number, now: Date): Promise<string | undefined> {
  const rows = await db.update(institutionEntries).set({ revokedAt: now })
    .where(and(eq(institutionEntries.institutionId, institutionId), isNull(institutionEntries.revokedAt)))
    .returning({ code: institutionEntries.code })
  return rows[0]?.code
}

/**
 * Inserts `code` as the institution's live code; false when the code is already taken by any institution, live or
 * revoked (a revoked code never comes back: a torn-down poster must stay dead). The live-code index still raises
 * if the institution has a live code: callers revoke first, under withInstitutionLocked.
 */
export async function insertEntry (db: Db, institutionId: number, code: string, now: Date): Promise<boolean> {
  const rows = await db.insert(institutionEntries).values({ institutionId, code, createdAt: now })
    .onConflictDoNothing({ target: institutionEntries.code }).returning({ id: institutionEntries.id })
  return rows.length === 1
}

/** A sum of bigint fen, or a count, as exact text; 0 when there are no rows. */
const total = (expr: ReturnType<typeof sql>) => sql<string>`coalesce(${expr}, 0)::text`

/**
 * The person's settlements at the institution settled in [from, upTo]: one aggregate over the (person, institution,
 * time) index range.
 */
export function settlementsAtQuery (db: Db, o: { personId: number; institutionId: number; from: Date; upTo: Date }) {
  const s = settlements
  return db.select({
    count: total(sql`count(*)`),
    totalFen: total(sql`sum(${s.totalFen})`),
    accountFen: total(sql`sum(${s.accountFen})`),
    selfFen: total(sql`sum(${s.selfFen})`),
  }).from(s).where(and(eq(s.personId, o.personId), eq(s.institutionId, o.institutionId), gte(s.settledAt, o.from), lte(s.settledAt, o.upTo)))
}

/** The person's claims for care at the institution submitted in [from, to): how many, how many still open, claimed. */
export function claimsAtQuery (db: Db, o: { personId: number; institutionId: number; from: Date; to: Date }) {
  const c = claims
  return db.select({
    count: total(sql`count(*)`),
    open: total(sql`count(*) filter (where ${c.stage} not in ('paid', 'rejected'))`),
    claimedFen: total(sql`sum(${c.claimedFen})`),
  }).from(c).where(and(eq(c.personId, o.personId), eq(c.institutionId, o.institutionId), gte(c.submittedAt, o.from), lt(c.submittedAt, o.to)))
}

