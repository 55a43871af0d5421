// Face check as a step-up verification: the server starts it with the person's ID-card name and number and the
// platform identity of this session, and only the server's own query to the platform decides it passed.
import type { Db } from '../db'
import { findIdentityById } from '../db/repositories/identities'
import { findPersonById } from '../db/repositories/persons'
import { findFaceCheck, finishFaceCheck, insertFaceCheck } from '../db/repositories/face-checks'
import { AppError } from './errors'
import type { AlipayFaceCheck, Clock, WechatFaceCheck } from './ports'
import type { DataCipher } from './secrets'
import type { SessionContext } from './sessions'

export interface FaceProviders { wechat?: WechatFaceCheck; alipay?: AlipayFaceCheck }

export type FacePurpose = 'verify' | 'bind'

export type FaceStart =
  | { checkId: number; platform: 'wechat'; verifyId: string }
  | { checkId: number; platform: 'alipay'; certifyId: string; url: string }

/** WeChat's verify_id lives an hour; a check not finished by then is over. */
const CHECK_TTL_MS = 3600_000

export class FaceCheckService {
  constructor (
    private readonly db: Db, private readonly cipher: DataCipher, private readonly clock: Clock,
    private readonly providers: FaceProviders,
  ) {}

  /**
   * The platform a face check can run on for this session, or null (not offered: SMS / password instead). To
   * verify, the session's platform identity must be bound to its person; to bind, it must not be bound yet.
   */
  async platformFor (s: SessionContext, purpose: FacePurpose = 'verify'): Promise<'wechat' | 'alipay' | null> {
    if (s.identityId === null) return null
    const identity = await findIdentityById(this.db, s.identityId)
    if (!identity) return null
    const fits = purpose === 'verify' ? s.personId !== null && identity.personId === s.personId : identity.personId === null
    if (!fits) return null
    return this.providers[identity.platform] ? identity.platform : null
  }

  /** Starts a check of `personId`'s face: the bound person to verify, or the candidate of a pending binding. */
  async start (s: SessionContext, personId: number, purpose: FacePurpose = 'verify'): Promise<FaceStart> {
    const platform = await this.platformFor(s, purpose)
    const identity = s.identityId !== null ? await findIdentityById(this.db, s.identityId) : undefined
    const person = await findPersonById(this.db, personId)
    if (!platform || !identity || !person) throw new AppError('face_unavailable')
    const certName = person.name
    const certNo = this.cipher.decrypt(person.idNumberEnc)
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + CHECK_TTL_MS)
    if (platform === 'wechat') {
      const outSeqNo = this.providers.wechat!.newOutSeqNo()
      const { verifyId } = await this.providers.wechat!.getVerifyId({ outSeqNo, certName, certNo, openid: identity.subject })
      const row = await insertFaceCheck(this.db, { sessionId: s.id, personId, platform, purpose, outSeqNo, providerRef: verifyId, createdAt: now, expiresAt })
      return { checkId: row.id, platform, verifyId }
    }
    const outSeqNo = this.providers.alipay!.newOuterOrderNo()
    const certifyId = await this.providers.alipay!.initialize({ outerOrderNo: outSeqNo, certName, certNo })
    const row = await insertFaceCheck(this.db, { sessionId: s.id, personId, platform, purpose, outSeqNo, providerRef: certifyId, createdAt: now, expiresAt })
    return { checkId: row.id, platform, certifyId, url: this.providers.alipay!.certifyUrl(certifyId) }
  }

  /**
   * Asks the platform how the check went; true only when it says passed. A check is decided once, and only for
   * what it was started for (a binding's check cannot verify, nor the reverse) and for the same person.
   */
  async finish (s: SessionContext, checkId: number, expect: { purpose: FacePurpose; personId: number }): Promise<boolean> {
    const row = await findFaceCheck(this.db, checkId, s.id)
    const now = this.clock.now()
    if (!row || row.personId !== expect.personId || row.purpose !== expect.purpose) throw new AppError('not_found', '没有找到这次刷脸验证，请重新开始')
    if (row.status !== 'pending' || row.expiresAt.getTime() <= now.getTime()) throw new AppError('gone', '这次刷脸验证已结束，请重新开始')
    let passed: boolean
    if (row.platform === 'wechat') {
      const identity = s.identityId !== null ? await findIdentityById(this.db, s.identityId) : undefined
      const person = await findPersonById(this.db, row.personId)
      if (!identity || !person || !this.providers.wechat) throw new AppError('face_unavailable')
      const result = await this.providers.wechat.queryVerifyInfo({
        verifyId: row.providerRef, outSeqNo: row.outSeqNo, certName: person.name,
        certNo: this.cipher.decrypt(person.idNumberEnc), openid: identity.subject,
      })
      passed = result.passed
    } else {
      if (!this.providers.alipay) throw new AppError('face_unavailable')
      passed = (await this.providers.alipay.query(row.providerRef)).passed
    }
    if (!(await finishFaceCheck(this.db, row.id, passed ? 'passed' : 'failed', now))) {
      throw new AppError('gone', '这次刷脸验证已结束，请重新开始')
    }
    return passed
  }
}
