// Person rows, found by keyed hashes of phone or ID number (the clear values are never stored).
import { eq } from 'drizzle-orm'
import type { Db } from '..'
import { persons } from '../schema'

export type PersonRow = typeof persons.$inferSelect

export async function findPersonById (db: Db, id: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id)).limit(1)
  return row
}

export async function findPersonByPhoneHash (db: Db, phoneHash: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.phoneHash, phoneHash)).limit(1)
  return row
}
