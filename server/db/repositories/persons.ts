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
