// Person rows, found by keyed hashes of phone or ID number (the clear values are never stored).
import { and, eq } from 'drizzle-orm'
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

/** Marks the person inactive (no longer insured here); the caller ends their sessions in the same transaction. */
export async function deactivatePersonRow (db: Db, id: number): Promise<boolean> {
  const rows = await db.update(persons).set({ status: 'inactive' })
    .where(and(eq(persons.id, id), eq(persons.status, 'active'))).returning({ id: persons.id })
  return rows.length === 1
}

/** A new password; the columns of the old per-person count are cleared too (the lock is on identifiers now). */
export async function setPasswordHash (db: Db, id: number, hash: string): Promise<void> {
  await db.update(persons).set({ queryPasswordHash: hash, passwordFailures: 0, passwordLockedUntil: null }).where(eq(persons.id, id))
}
