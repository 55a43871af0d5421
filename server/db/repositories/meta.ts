// Key/value facts about the data set (demo version, ledger sync time).
import { eq } from 'drizzle-orm'
import type { Db } from '..'
import { meta } from '../schema'

export async function getMeta (db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).limit(1)
  return row?.value
}

export async function setMeta (db: Db, key: string, value: string): Promise<void> {
  await db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } })
}
