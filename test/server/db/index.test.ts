// The migrated schema works on the engine under test (PGlite by default, PostgreSQL when DATABASE_URL is set).
import { sql } from 'drizzle-orm'
import { testDb } from '../../support/db'
import type { DbHandle } from '../../../server/db'

let h: DbHandle
beforeAll(async () => { h = await testDb() })
afterAll(async () => { await h.close() })

test('every table of the schema exists and is empty', async () => {
  const res = await h.db.execute(sql`select count(*)::int as n from persons`)
  const rows = (res as unknown as { rows: { n: number }[] }).rows
  expect(rows[0]!.n).toBe(0)
})
