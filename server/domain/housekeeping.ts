// Deletes what has expired (sessions, SMS codes, dev outbox, SOTER challenges, unfinished bindings, leases, rate-limit
// windows, stale wrong-password counters, family shares that ended 30 days ago, idempotency keys after a day, and
// 谁查看了我的数据's rows after ACCESS_LOG_RETENTION_DAYS) so tables do not only grow.
// Every process runs it on a timer; the deletes are idempotent, so several processes doing it is harmless. Each
// delete's predicate has an index behind it (migration 0009), so a run costs what it deletes, not a full scan.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db'
import type { Clock } from './ports'
import { ENDED_KEPT_MS } from './shares'

const DAY_MS = 24 * 3600_000
const EVERY_MS = 10 * 60_000

/** Every delete one housekeeping run makes at `now`, by table (a test EXPLAINs each of them). */
/** What an operator may set: how long 谁查看了我的数据 keeps its rows (ACCESS_LOG_RETENTION_DAYS, 3 years). */
export interface HousekeepingOptions { accessLogDays: number }
export const DEFAULT_HOUSEKEEPING: HousekeepingOptions = { accessLogDays: 3 * 365 }

export function housekeepingDeletes (now: Date, o: HousekeepingOptions = DEFAULT_HOUSEKEEPING): { table: string; query: SQL }[] {
  const at = now.toISOString()
  const dayAgo = new Date(now.getTime() - DAY_MS).toISOString()
  // 我的分享 shows an ended share for 30 days (whether the family opened it); after that it goes. The owner's
  // access-log rows keep the grant's id (no FK), so 谁查看了我的数据 still says a share was read.
  const monthAgo = new Date(now.getTime() - ENDED_KEPT_MS).toISOString()
  const logsFrom = new Date(now.getTime() - o.accessLogDays * DAY_MS).toISOString()
  return [
    { table: 'sessions', query: sql`delete from sessions where expires_at < ${dayAgo}::timestamptz or revoked_at < ${dayAgo}::timestamptz` },
    { table: 'sms_codes', query: sql`delete from sms_codes where created_at < ${dayAgo}::timestamptz` },
    { table: 'dev_sms_outbox', query: sql`delete from dev_sms_outbox where sent_at < ${dayAgo}::timestamptz` },
    { table: 'soter_challenges', query: sql`delete from soter_challenges where expires_at < ${dayAgo}::timestamptz` },
    { table: 'bindings', query: sql`delete from bindings where expires_at < ${dayAgo}::timestamptz and completed_at is null` },
    { table: 'leases', query: sql`delete from leases where expires_at < ${dayAgo}::timestamptz` },
    { table: 'rate_limits', query: sql`delete from rate_limits where reset_at < ${at}::timestamptz` },
    // A counter nobody has added to for a day and that locks nothing: one row per identifier anyone ever mistyped
    // (or made up) would otherwise stay for ever.
    {
      table: 'password_attempts',
      query: sql`delete from password_attempts where updated_at < ${dayAgo}::timestamptz and (locked_until is null or locked_until < ${at}::timestamptz)`,
    },
    // A retry comes within minutes of the lost answer; a day covers a phone that was off overnight.
    { table: 'idempotency_keys', query: sql`delete from idempotency_keys where created_at < ${dayAgo}::timestamptz` },
    { table: 'access_logs', query: sql`delete from access_logs where at < ${logsFrom}::timestamptz` },
    { table: 'share_grants', query: sql`delete from share_grants where expires_at < ${monthAgo}::timestamptz or revoked_at < ${monthAgo}::timestamptz` },
  ]
}

export async function purgeExpired (db: Db, now: Date, o: HousekeepingOptions = DEFAULT_HOUSEKEEPING): Promise<void> {
  for (const { query } of housekeepingDeletes(now, o)) await db.execute(query)
}

export function startHousekeeping (db: Db, clock: Clock, o: HousekeepingOptions, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => { purgeExpired(db, clock.now(), o).catch(onError) }, EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
