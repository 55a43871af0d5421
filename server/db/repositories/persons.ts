// Person rows, found by keyed hashes of phone or ID number (the clear values are never stored).
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '..'
import { persons } from '../schema'

export type PersonRow = typeof persons.$inferSelect

export async function findPersonById (db: Db, id: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id)).limit(1)
  return row
}

/** Active persons registered with this phone; one phone may be on file for more than one person (a parent's). */
export async function findActivePersonsByPhoneHash (db: Db, phoneHash: string, limit = 2): Promise<PersonRow[]> {
  return db.select().from(persons)
    .where(and(eq(persons.phoneHash, phoneHash), eq(persons.status, 'active'))).orderBy(persons.id).limit(limit)
}

export async function findPersonByIdNumberHash (db: Db, idNumberHash: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons)
    .where(and(eq(persons.idNumberHash, idNumberHash), eq(persons.status, 'active'))).limit(1)
  return row
}

export async function findPersonByCardNumber (db: Db, cardNumber: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons)
    .where(and(eq(persons.cardNumber, cardNumber), eq(persons.status, 'active'))).limit(1)
  return row
}

/** Counts a wrong password atomically; the fifth in a row locks until `lockUntil`. Returns the new state. */
export async function recordPasswordFailure (db: Db, id: number, max: number, lockUntil: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const [row] = await db.update(persons).set({
    passwordFailures: sql`${persons.passwordFailures} + 1`,
    passwordLockedUntil: sql`case when ${persons.passwordFailures} + 1 >= ${max} then ${lockUntil.toISOString()}::timestamptz else null end`,
  }).where(eq(persons.id, id)).returning({ failures: persons.passwordFailures, lockedUntil: persons.passwordLockedUntil })
  return row!
}

export async function clearPasswordFailures (db: Db, id: number): Promise<void> {
  await db.update(persons).set({ passwordFailures: 0, passwordLockedUntil: null }).where(eq(persons.id, id))
}

/** A new password clears any lock. */
export async function setPasswordHash (db: Db, id: number, hash: string): Promise<void> {
  await db.update(persons).set({ queryPasswordHash: hash, passwordFailures: 0, passwordLockedUntil: null }).where(eq(persons.id, id))
}
