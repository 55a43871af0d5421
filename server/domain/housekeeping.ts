// Deletes what has expired (sessions, SMS codes, dev outbox, SOTER challenges, unfinished bindings, leases, rate-limit
// windows, family shares that ended 30 days ago) so tables do not only grow.
// Every process runs it on a timer; the deletes are idempotent, so several processes doing it is harmless.
import { sql } from 'drizzle-orm'
import type { Db } from '../db'
import type { Clock } from '../adapters/types'
import { ENDED_KEPT_MS } from './shares'

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
  // 我的分享 shows an ended share for 30 days (whether the family opened it); after that it goes. The owner's
  // access-log rows keep the grant's id (no FK), so 谁查看了我的数据 still says a share was read.
  const monthAgo = new Date(now.getTime() - ENDED_KEPT_MS).toISOString()
  await db.execute(sql`delete from share_grants where expires_at < ${monthAgo}::timestamptz or revoked_at < ${monthAgo}::timestamptz`)
}

export function startHousekeeping (db: Db, clock: Clock, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => { purgeExpired(db, clock.now()).catch(onError) }, EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
