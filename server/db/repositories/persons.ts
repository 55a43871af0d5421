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

/**
 * Reserves one password try before the password is checked, atomically: refused (undefined) while locked, and the
 * try that reaches `max` sets the lock. Many requests at once can therefore never check more than `max` guesses.
 * A lock that has run out starts the count again.
 */
export async function reservePasswordTry (db: Db, id: number, max: number, now: Date, lockUntil: Date): Promise<number | undefined> {
  const expired = sql`(${persons.passwordLockedUntil} is not null and ${persons.passwordLockedUntil} <= ${now.toISOString()}::timestamptz)`
  const next = sql`(case when ${expired} then 1 else ${persons.passwordFailures} + 1 end)`
  const [row] = await db.update(persons).set({
    passwordFailures: next,
    passwordLockedUntil: sql`case when ${next} >= ${max} then ${lockUntil.toISOString()}::timestamptz else null end`,
  }).where(and(eq(persons.id, id), sql`(${persons.passwordLockedUntil} is null or ${expired})`))
    .returning({ failures: persons.passwordFailures })
  return row?.failures
}

export async function clearPasswordFailures (db: Db, id: number): Promise<void> {
  await db.update(persons).set({ passwordFailures: 0, passwordLockedUntil: null }).where(eq(persons.id, id))
}

/** A new password clears any lock. */
export async function setPasswordHash (db: Db, id: number, hash: string): Promise<void> {
  await db.update(persons).set({ queryPasswordHash: hash, passwordFailures: 0, passwordLockedUntil: null }).where(eq(persons.id, id))
}
