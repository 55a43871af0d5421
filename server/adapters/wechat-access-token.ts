// The WeChat server-API access_token, shared by every server process through the `platform_tokens` table.
//
// Why `POST /cgi-bin/stable_token` (getStableAccessToken) and not `GET /cgi-bin/token`: every call of the old
// endpoint issues a new token and starts retiring the previous one, so any second caller with the same appid (another
// deployment, a staging server, an operator's script, this app's processes racing at start) silently invalidates
// the token the others hold. stable_token in its normal mode (force_refresh false) hands every caller the SAME
// token while it is valid, issues the next one only in the last 5 minutes (when old and new both work), and its
// tokens are isolated from getAccessToken's. So the lock below is an optimisation (one fetch instead of N), not the
// only thing standing between N processes and a refresh storm. force_refresh is never used: WeChat keeps it for a
// leaked token (20 per day, 30 s apart), and an API's 40001 is answered by the normal mode anyway (it returns the
// current token, which is a new one if somebody forced a refresh).
//
// Storage: the token is encrypted with DataCipher (it is a credential for the app's whole WeChat account), keyed
// `wechat:<appid>`, with its expiry. A stored token is used while it has more than 5 minutes left; otherwise the
// refresh runs in a transaction under a PostgreSQL advisory transaction lock on that key and re-reads the row
// after taking it, so processes that found the token stale together refresh it once. PGlite runs one transaction
// at a time, which gives the same guarantee. The lock is held across the HTTP call (at most the fetch timeout),
// which is what makes the others wait for its result instead of fetching too.
import { eq, sql } from 'drizzle-orm'
import type { WechatConfig } from '../config'
import type { Db } from '../db'
import { platformTokens } from '../db/schema'
import { AppError } from '../domain/errors'
import type { DataCipher } from '../domain/secrets'
import { systemClock, type Clock } from './types'

export const DEFAULT_TIMEOUT_MS = 5000
/** Refresh when less than this is left: WeChat's own handover window for stable tokens is 5 minutes. */
export const REFRESH_MARGIN_MS = 5 * 60_000

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
  const e = new AppError(502, 'platform_unavailable', message)
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

  constructor (private readonly cfg: WechatConfig, deps: { db: Db; cipher: DataCipher; clock?: Clock; timeoutMs?: number }) {
    this.key = `wechat:${cfg.appId}`
    this.db = deps.db
    this.cipher = deps.cipher
    this.clock = deps.clock ?? systemClock
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  async get (): Promise<string> {
    const stored = this.usable(await this.read(this.db))
    if (stored) return stored
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`platform_token:${this.key}`}))`)
      // Somebody may have refreshed it while this process waited for the lock.
      const again = this.usable(await this.read(tx))
      if (again) return again
      const { token, expiresInSeconds } = await this.fetchToken()
      const now = this.clock.now()
      const row = { tokenEnc: this.cipher.encrypt(token), expiresAt: new Date(now.getTime() + expiresInSeconds * 1000), updatedAt: now }
      await tx.insert(platformTokens).values({ key: this.key, ...row })
        .onConflictDoUpdate({ target: platformTokens.key, set: row })
      return token
    })
  }

  async invalidate (token: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`platform_token:${this.key}`}))`)
      const row = await this.read(tx)
      if (!row || this.decrypt(row.tokenEnc) !== token) return
      // Expired rather than deleted: the next get() refreshes, and the row keeps its history in updated_at.
      const now = this.clock.now()
      await tx.update(platformTokens).set({ expiresAt: now, updatedAt: now }).where(eq(platformTokens.key, this.key))
    })
  }

  private async read (db: Db): Promise<{ tokenEnc: string; expiresAt: Date } | undefined> {
    const [row] = await db.select({ tokenEnc: platformTokens.tokenEnc, expiresAt: platformTokens.expiresAt })
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
