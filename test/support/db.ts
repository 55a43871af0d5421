// A fresh, migrated database for one server test file: PGlite from the template dump, or the CI PostgreSQL
// (DATABASE_URL) with every table truncated first.
import { PGlite } from '@electric-sql/pglite'
import { readFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { openDb, wrapPglite, type DbHandle } from '../../server/db'

export async function testDb (): Promise<DbHandle> {
  if (process.env.DATABASE_URL) {
    const handle = await openDb({ databaseUrl: process.env.DATABASE_URL })
    await truncateAll(handle)
    return handle
  }
  const template = process.env.PGLITE_TEMPLATE
  if (!template) throw new Error('PGLITE_TEMPLATE is not set: run through the jest server project')
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) })
  return wrapPglite(client)
}

export async function truncateAll (handle: DbHandle): Promise<void> {
  const rows = await handle.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`)
  const names = (rows as unknown as { rows?: { tablename: string }[] }).rows ?? (rows as unknown as { tablename: string }[])
  if (names.length === 0) return
  const list = names.map((r) => `"public"."${r.tablename}"`).join(', ')
  await handle.db.execute(sql.raw(`truncate ${list} restart identity cascade`))
}
