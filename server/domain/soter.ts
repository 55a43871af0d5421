// SOTER biometric unlock (WeChat): re-opens the verification window of a session that already passed a real-name
// check on this device. It proves only that the phone's owner unlocked it, so it never binds and never sets
// strong_verified_at; the server's one-use challenge and WeChat's verify_signature decide, not the client.
import type { Db } from '../db'
import type { Clock, SoterSignatureCheck } from './ports'
import { findIdentityById, type IdentityRow } from '../db/repositories/identities'
import { consumeSoterChallenge, insertSoterChallenge } from '../db/repositories/soter-challenges'
import { AppError } from './errors'
import { newToken, sha256Hex } from './secrets'
import type { SessionContext, SessionService } from './sessions'

/** How long a challenge may wait for the person's finger or face. */
export const SOTER_CHALLENGE_TTL_MS = 5 * 60_000
/** What the system's fingerprint dialog shows (wx.startSoterAuthentication's authContent). */
export const SOTER_AUTH_CONTENT = '请验证本人指纹或面容，以查看医保账户'
/** Longer than any challenge this server issues (43 characters); anything longer cannot be one. */
const MAX_RAW_LENGTH = 256

export const SOTER_NOT_HERE = '当前环境不支持指纹/面容解锁，请用短信验证码、查询密码或刷脸验证'
export const SOTER_NEEDS_STRONG = '请先用短信验证码、查询密码或刷脸验证一次，之后可在本机用指纹/面容解锁'

export type SoterAvailability = { available: true } | { available: false; reason: string }

interface Usable { identity: IdentityRow; verifier: SoterSignatureCheck }

export interface SoterChallenge { challenge: string; authContent: string; expiresAt: Date }

export class SoterService {
  constructor (
    private readonly db: Db, private readonly clock: Clock, private readonly sessions: SessionService,
    private readonly verifier: SoterSignatureCheck | undefined,
  ) {}

  /** Whether this session may unlock with SOTER now, and if not, why (in words for the person). */
  async availability (s: SessionContext): Promise<SoterAvailability> {
    const r = await this.resolve(s)
    return 'reason' in r ? { available: false, reason: r.reason } : { available: true }
  }

  /** A fresh one-use challenge for wx.startSoterAuthentication; only its hash is stored. */
  async challenge (s: SessionContext): Promise<SoterChallenge> {
    await this.usableOrRefuse(s)
    const challenge = newToken()
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + SOTER_CHALLENGE_TTL_MS)
    await insertSoterChallenge(this.db, { sessionId: s.id, challengeHash: sha256Hex(challenge), createdAt: now, expiresAt })
    return { challenge, authContent: SOTER_AUTH_CONTENT, expiresAt }
  }

  /**
   * Checks wx.startSoterAuthentication's result: its `raw` must be an unused, unexpired challenge of THIS session
   * (consumed here, whatever WeChat then says), and WeChat must confirm the signature by this identity's device key.
   * Opens the verification window and returns its end.
   */
  async verify (s: SessionContext, resultJSON: string, resultJSONSignature: string): Promise<Date> {
    const { identity, verifier } = await this.usableOrRefuse(s)
    const raw = rawOf(resultJSON)
    if (!(await consumeSoterChallenge(this.db, sha256Hex(raw), s.id, this.clock.now()))) {
      throw new AppError('soter_challenge_invalid')
    }
    const ok = await verifier.verifySignature({ openid: identity.subject, jsonString: resultJSON, jsonSignature: resultJSONSignature })
    if (!ok) throw new AppError('soter_failed')
    return this.sessions.markVerified(s, 'soter')
  }

  private async usableOrRefuse (s: SessionContext): Promise<Usable> {
    const r = await this.resolve(s)
    if ('reason' in r) throw new AppError('soter_unavailable', r.reason)
    return r
  }

  private async resolve (s: SessionContext): Promise<Usable | { reason: string }> {
    const verifier = this.verifier
    if (!verifier || s.identityId === null || s.personId === null) return { reason: SOTER_NOT_HERE }
    const identity = await findIdentityById(this.db, s.identityId)
    // Only the WeChat identity this session logged in with, bound to this session's person: the device key
    // WeChat checks belongs to that openid.
    if (!identity || identity.platform !== 'wechat' || identity.personId !== s.personId) return { reason: SOTER_NOT_HERE }
    if (s.strongVerifiedAt === null) return { reason: SOTER_NEEDS_STRONG }
    return { identity, verifier }
  }
}

/** The challenge the device signed: resultJSON's `raw`. Anything that is not such a JSON object is a 400. */
function rawOf (resultJSON: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(resultJSON)
  } catch {
    throw new AppError('soter_result_malformed')
  }
  const raw = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).raw : undefined
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_RAW_LENGTH) throw new AppError('soter_result_malformed')
  return raw
}
