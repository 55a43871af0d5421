// The WeChat server-API access_token, shared by every server process through the `platform_tokens` table.
//
// Why `POST /cgi-bin/stable_token` (getStableAccessToken) and not `GET /cgi-bin/token`: every call of the old
// endpoint issues a new token and starts retiring the previous one, so any second caller with the same appid (another
// deployment, a staging server, an operator's script, this app's processes racing at start) silently invalidates
// the token the others hold. stable_token in its normal mode (force_refresh false) hands every caller the SAME
// token while it is valid, issues the next one only in the last 5 minutes (when old and new both work), and its
// tokens are isolated from getAccessToken's. So the lease below is an optimisation (one fetch instead of N), not the
// only thing standing between N processes and a refresh storm. force_refresh is never used: WeChat keeps it for a
// leaked token (20 per day, 30 s apart), and an API's 40001 is answered by the normal mode anyway (it returns the
// current token, which is a new one if somebody forced a refresh).
//
// Storage: the token is encrypted with DataCipher (it is a credential for the app's whole WeChat account), keyed
// `wechat:<appid>`, with its expiry. A stored token is used while it has more than 5 minutes left. Otherwise one
// process refreshes it under a lease: a row in `leases` taken by one atomic upsert that only succeeds when the row
// is absent or expired. The holder re-reads the token (the previous holder may just have stored one), fetches,
// stores, and deletes its lease. The others poll the token row and use what the holder stored. No transaction is
// held across the HTTP call: on PGlite (one connection, one transaction at a time) that would stall every other
// query of the process for up to the fetch timeout. A holder that dies leaves its lease to expire (fetch timeout +
// 2 s, by the database's clock so that processes with skewed clocks agree); a waiter then takes it over.
// Concurrent get() calls in one process share one refresh.
import { randomBytes } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { WechatConfig } from '../config'
import type { Db } from '../db'
import { rowsOf } from '../db/rows'
import { platformTokens } from '../db/schema'
import { AppError, type Clock, type DataCipher } from '../domain/ports'
import { systemClock } from './clock'

export const DEFAULT_TIMEOUT_MS = 5000
/** Refresh when less than this is left: WeChat's own handover window for stable tokens is 5 minutes. */
export const REFRESH_MARGIN_MS = 5 * 60_000
/** A refresh lease outlives its holder's fetch by this much; after that a holder is presumed dead. */
export const LEASE_MARGIN_MS = 2000
/** How often a process without the lease looks for the token the holder stores (and retries the lease). */
export const POLL_MS = 150

/** errcodes of WeChat server APIs that mean "this access_token is no good": invalid, expired, not the latest. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

/** A source of WeChat access tokens; the API clients call invalidate() when WeChat refuses one. */
export interface AccessTokenSource {
  get (): Promise<string>
  /** Marks `token` as unusable if it is still the stored one (a newer token someone else stored is kept). */
  invalidate (token: string): Promise<void>
}

/** A client-visible failure plus a diagnostic in `cause` for the operator's log (never the token or the secret). */
export function platformFailure (message: string | undefined, diagnostic: string): AppError {
  const e = new AppError('platform_unavailable', message)
  e.cause = diagnostic
  return e
}

/** True for the errors fetch / AbortSignal.timeout reject with when the time is up (also across realms). */
export function isTimeout (e: unknown): boolean {
  const name = typeof e === 'object' && e !== null && 'name' in e ? String(e.name) : ''
  return name === 'TimeoutError' || name === 'AbortError'
}

export class WechatAccessToken implements AccessTokenSource {
  readonly key: string
  private readonly db: Db
  private readonly cipher: DataCipher
  private readonly clock: Clock
  private readonly timeoutMs: number
  private readonly leaseKey: string
  /** The refresh this instance is running, shared by its concurrent get() calls. */
  private refreshing: Promise<string> | undefined

  constructor (private readonly cfg: WechatConfig, deps: { db: Db; cipher: DataCipher; clock?: Clock; timeoutMs?: number }) {
    this.key = `wechat:${cfg.appId}`
    this.leaseKey = `platform_token:${this.key}`
    this.db = deps.db
    this.cipher = deps.cipher
    this.clock = deps.clock ?? systemClock
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  async get (): Promise<string> {
    const stored = this.usable(await this.read())
    if (stored) return stored
    this.refreshing ??= this.refresh().finally(() => { this.refreshing = undefined })
    return this.refreshing
  }

  async invalidate (token: string): Promise<void> {
    const row = await this.read()
    if (!row || this.decrypt(row.tokenEnc) !== token) return
    // Expired rather than deleted: the next get() refreshes, and the row keeps its history in updated_at. The
    // ciphertext in the condition (its IV is random) makes this a compare-and-set: a token someone stored since is kept.
    const now = this.clock.now()
    await this.db.update(platformTokens).set({ expiresAt: now, updatedAt: now })
      .where(and(eq(platformTokens.key, this.key), eq(platformTokens.tokenEnc, row.tokenEnc)))
  }

  /** Takes the lease and fetches, or waits for whoever holds it; gives up (502) after a lease's lifetime and a bit. */
  private async refresh (): Promise<string> {
    const leaseMs = this.timeoutMs + LEASE_MARGIN_MS
    // Long enough for a dead holder's lease to expire and be taken over by this loop.
    const deadline = Date.now() + leaseMs + 1000
    for (;;) {
      const holder = await this.takeLease(leaseMs)
      if (holder) {
        try {
          // The previous holder may have stored a token between this process's read and its lease.
          const again = this.usable(await this.read())
          if (again) return again
          const { token, expiresInSeconds } = await this.fetchToken()
          const now = this.clock.now()
          const row = { tokenEnc: this.cipher.encrypt(token), expiresAt: new Date(now.getTime() + expiresInSeconds * 1000), updatedAt: now }
          await this.db.insert(platformTokens).values({ key: this.key, ...row })
            .onConflictDoUpdate({ target: platformTokens.key, set: row })
          return token
        } finally {
          // If this fails the lease simply expires.
          await this.releaseLease(holder).catch(() => undefined)
        }
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      const theirs = this.usable(await this.read())
      if (theirs) return theirs
      if (Date.now() >= deadline) {
        throw platformFailure(undefined, `wechat stable_token refresh by another process did not finish within ${leaseMs + 1000} ms`)
      }
    }
  }

  /** One atomic statement: the lease is ours if there was none or it had expired. Returns our holder id, or undefined. */
  private async takeLease (leaseMs: number): Promise<string | undefined> {
    const holder = `${process.pid}:${randomBytes(9).toString('base64url')}`
    const res = await this.db.execute(sql`
      insert into leases as l (key, holder, expires_at)
      values (${this.leaseKey}, ${holder}, now() + ${`${leaseMs} milliseconds`}::interval)
      on conflict (key) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where l.expires_at < now()
      returning l.holder`)
    return rowsOf<{ holder: string }>(res).length === 1 ? holder : undefined
  }

  /** Deletes the lease only if it is still ours (it may have expired and been taken over). */
  private async releaseLease (holder: string): Promise<void> {
    await this.db.execute(sql`delete from leases where key = ${this.leaseKey} and holder = ${holder}`)
  }

  private async read (): Promise<{ tokenEnc: string; expiresAt: Date } | undefined> {
    const [row] = await this.db.select({ tokenEnc: platformTokens.tokenEnc, expiresAt: platformTokens.expiresAt })
      .from(platformTokens).where(eq(platformTokens.key, this.key)).limit(1)
    return row
  }

  private usable (row: { tokenEnc: string; expiresAt: Date } | undefined): string | undefined {
    if (!row || row.expiresAt.getTime() - this.clock.now().getTime() <= REFRESH_MARGIN_MS) return undefined
    return this.decrypt(row.tokenEnc)
  }

  /** A row this key cannot open (DATA_KEY changed) is treated as absent, so the service heals itself. */
  private decrypt (sealed: string): string | undefined {
    try {
      return this.cipher.decrypt(sealed)
    } catch {
      return undefined
    }
  }

  private async fetchToken (): Promise<{ token: string; expiresInSeconds: number }> {
    const what = 'wechat stable_token'
    let status: number
    let text: string
    try {
      const res = await fetch(`${this.cfg.apiBase.replace(/\/+$/, '')}/cgi-bin/stable_token`, {
        method: 'POST',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: this.cfg.appId, secret: this.cfg.secret, force_refresh: false }),
      })
      status = res.status
      text = await res.text()
    } catch (e) {
      throw platformFailure(undefined, isTimeout(e) ? `${what} timed out after ${this.timeoutMs} ms` : `${what} network error`)
    }
    if (status !== 200) throw platformFailure(undefined, `${what} http ${status}`)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw platformFailure(undefined, `${what} answered malformed JSON`)
    }
    if (typeof body !== 'object' || body === null) throw platformFailure(undefined, `${what} answered a non-object`)
    const answer = body as Record<string, unknown>
    if (answer.errcode !== undefined && answer.errcode !== 0) {
      // -1 busy, 40013 / 40125 wrong appid / secret, 40164 / 89503 caller IP not allowed, 45009 / 45011 quota:
      // none of them is the person's doing; the operator finds the errcode in the log.
      throw platformFailure(undefined, `${what} errcode ${String(answer.errcode)}`)
    }
    const token = answer.access_token
    const expiresIn = answer.expires_in
    if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      throw platformFailure(undefined, `${what} answered without access_token / expires_in`)
    }
    return { token, expiresInSeconds: expiresIn }
  }
}
