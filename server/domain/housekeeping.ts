// Deletes what has expired (sessions, SMS codes, dev outbox, SOTER challenges, unfinished bindings, leases, rate-limit windows) so tables do not only grow.
// Every process runs it on a timer; the deletes are idempotent, so several processes doing it is harmless.
import { sql } from 'drizzle-orm'
import type { Db } from '../db'
import type { Clock } from '../adapters/types'

const DAY_MS = 24 * 3600_000
const EVERY_MS = 10 * 60_000

export async function purgeExpired (db: Db, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString()
  await db.execute(sql`delete from sessions where expires_at < ${dayAgo}::timestamptz or revoked_at < ${dayAgo}::timestamptz`)
  await db.execute(sql`delete from sms_codes where created_at < ${dayAgo}::timestamptz`)
  await db.execute(sql`delete from dev_sms_outbox where sent_at < ${dayAgo}::timestamptz`)
  await db.execute(sql`delete from soter_challenges where expires_at < ${dayAgo}::timestamptz`)
  await db.execute(sql`delete from bindings where expires_at < ${dayAgo}::timestamptz and completed_at is null`)
  await db.execute(sql`delete from leases where expires_at < ${dayAgo}::timestamptz`)
  await db.execute(sql`delete from rate_limits where reset_at < ${now.toISOString()}::timestamptz`)
}

export function startHousekeeping (db: Db, clock: Clock, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => { purgeExpired(db, clock.now()).catch(onError) }, EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
