// Session rules: opaque tokens stored hashed, idle and absolute expiry, and the step-up verification window.
import type { Db } from '../db'
import { findSessionByTokenHash, insertSession, revokeSession, setVerifiedUntil, touchSession, type SessionRow } from '../db/repositories/sessions'
import type { Clock } from './ports'
import { AppError } from './errors'
import { newToken, sha256Hex } from './secrets'

export interface SessionPolicy { idleMinutes: number; absoluteHours: number; verifyWindowSeconds: number }

export interface SessionContext {
  id: number
  expiresAt: Date
  personId: number | null
  identityId: number | null
  verifiedUntil: Date | null
  /** Last real-name-strength verification of this session (not SOTER), or null. */
  strongVerifiedAt: Date | null
}

/** How a step-up verification was passed; all but SOTER prove who the person is. */
export type VerifiedBy = 'sms' | 'password' | 'face' | 'bind' | 'soter'

export interface IssuedSession { token: string; expiresAt: Date; bound: boolean; verifiedUntil: Date | null }

/**
 * Writes to last_seen_at are skipped when the last one is this recent, so reads do not each cost a write. A request
 * inside the gap is not on record, so the idle limit counts from the last write plus the gap: expiry may come up to
 * a minute late, never early.
 */
const TOUCH_GAP_MS = 60_000

export class SessionService {
  constructor (private readonly db: Db, private readonly clock: Clock, private readonly policy: SessionPolicy) {}

  async issue (v: { personId: number | null; identityId: number | null; method: string; verified: boolean }): Promise<IssuedSession> {
    const now = this.clock.now()
    const token = newToken()
    const expiresAt = new Date(now.getTime() + this.policy.absoluteHours * 3600_000)
    const verifiedUntil = v.verified && v.personId !== null ? this.verifiedUntilFrom(now, expiresAt) : null
    await insertSession(this.db, {
      tokenHash: sha256Hex(token), personId: v.personId, identityId: v.identityId, loginMethod: v.method,
      createdAt: now, lastSeenAt: now, expiresAt, verifiedUntil, strongVerifiedAt: verifiedUntil ? now : null,
    })
    return { token, expiresAt, bound: v.personId !== null, verifiedUntil }
  }

  /**
   * The session behind a bearer token, or 401. Moves the idle clock forward. A token that is unknown, revoked,
   * expired or whose person was deactivated gets one and the same answer: none of them tells anything.
   */
  async authenticate (authorization: string | undefined): Promise<SessionContext> {
    const token = parseBearer(authorization)
    if (!token) throw new AppError('unauthorized')
    const row = await findSessionByTokenHash(this.db, sha256Hex(token))
    const now = this.clock.now()
    if (!row || !row.personActive || !this.isLive(row, now)) throw new AppError('session_expired')
    await touchSession(this.db, row.id, now, TOUCH_GAP_MS)
    return {
      id: row.id, expiresAt: row.expiresAt, personId: row.personId, identityId: row.identityId,
      verifiedUntil: row.verifiedUntil, strongVerifiedAt: row.strongVerifiedAt,
    }
  }

  /** Account data needs a bound person who verified within the window. */
  requireVerifiedPerson (s: SessionContext): number {
    if (s.personId === null) throw new AppError('binding_required')
    if (!s.verifiedUntil || s.verifiedUntil.getTime() <= this.clock.now().getTime()) throw new AppError('verification_required')
    return s.personId
  }

  /** A bound person, verified or not: what the verification routes need. */
  requirePerson (s: SessionContext): number {
    if (s.personId === null) throw new AppError('binding_required')
    return s.personId
  }

  /** A step-up verification passed: the window starts now (never past the session's own end). */
  async markVerified (s: SessionContext, by: VerifiedBy): Promise<Date> {
    const now = this.clock.now()
    const until = this.verifiedUntilFrom(now, s.expiresAt)
    await setVerifiedUntil(this.db, s.id, until, by === 'soter' ? undefined : now)
    s.verifiedUntil = until
    if (by !== 'soter') s.strongVerifiedAt = now
    return until
  }

  async end (s: SessionContext): Promise<void> {
    await revokeSession(this.db, s.id, this.clock.now())
  }

  private isLive (row: SessionRow, now: Date): boolean {
    if (row.revokedAt) return false
    if (row.expiresAt.getTime() <= now.getTime()) return false
    return row.lastSeenAt.getTime() + TOUCH_GAP_MS + this.policy.idleMinutes * 60_000 > now.getTime()
  }

  /** Verification never outlives the session that holds it. */
  private verifiedUntilFrom (now: Date, expiresAt: Date): Date {
    const until = now.getTime() + this.policy.verifyWindowSeconds * 1000
    return new Date(Math.min(until, expiresAt.getTime()))
  }
}

export function parseBearer (header: string | undefined): string | undefined {
  if (!header) return undefined
  const m = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header.trim())
  return m?.[1]
}
