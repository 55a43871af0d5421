// Wrong-password counters for identifiers that match nobody (they lock like a person's, so answers reveal nothing).
import { sql } from 'drizzle-orm'
import type { Db } from '..'
import { rowsOf } from '../rows'

export interface AttemptState { failures: number; lockedUntil: Date | null }

export async function readAttempts (db: Db, key: string): Promise<AttemptState> {
  const res = await db.execute<{ failures: number; locked_until: string | null }>(
    sql`select failures, locked_until from password_attempts where key = ${key}`)
  const row = rowsOf<{ failures: number; locked_until: string | Date | null }>(res)[0]
  return { failures: row?.failures ?? 0, lockedUntil: row?.locked_until ? new Date(row.locked_until) : null }
}

export async function recordAttemptFailure (db: Db, key: string, max: number, lockUntil: Date, now: Date): Promise<AttemptState> {
  const res = await db.execute(sql`
    insert into password_attempts as a (key, failures, locked_until, updated_at)
    values (${key}, 1, ${max <= 1 ? lockUntil.toISOString() : null}::timestamptz, ${now.toISOString()}::timestamptz)
    on conflict (key) do update set
      failures = a.failures + 1,
      locked_until = case when a.failures + 1 >= ${max} then ${lockUntil.toISOString()}::timestamptz else null end,
      updated_at = excluded.updated_at
    returning failures, locked_until`)
  const row = rowsOf<{ failures: number; locked_until: string | Date | null }>(res)[0]!
  return { failures: Number(row.failures), lockedUntil: row.locked_until ? new Date(row.locked_until) : null }
}

export async function clearAttempts (db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from password_attempts where key = ${key}`)
}
