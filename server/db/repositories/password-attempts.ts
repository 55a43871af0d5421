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

/** The same reservation as a person's (see reservePasswordTry), for an identifier that matches nobody. */
export async function reserveAttempt (db: Db, key: string, max: number, now: Date, lockUntil: Date): Promise<number | undefined> {
  const at = now.toISOString(); const until = lockUntil.toISOString()
  const res = await db.execute(sql`
    insert into password_attempts as a (key, failures, locked_until, updated_at)
    values (${key}, 1, case when 1 >= ${max} then ${until}::timestamptz else null end, ${at}::timestamptz)
    on conflict (key) do update set
      failures = case when a.locked_until is not null and a.locked_until <= ${at}::timestamptz then 1 else a.failures + 1 end,
      locked_until = case when (case when a.locked_until is not null and a.locked_until <= ${at}::timestamptz then 1 else a.failures + 1 end) >= ${max}
        then ${until}::timestamptz else null end,
      updated_at = excluded.updated_at
    where a.locked_until is null or a.locked_until <= ${at}::timestamptz
    returning failures`)
  const row = rowsOf<{ failures: number }>(res)[0]
  return row ? Number(row.failures) : undefined
}

export async function clearAttempts (db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from password_attempts where key = ${key}`)
}
