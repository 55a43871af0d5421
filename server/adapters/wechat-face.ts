// The WeChat face check 2.0 client: getVerifyId before the camera opens, queryVerifyInfo after it closes.
//
// The client's own result (wx.requestFacialVerify's success callback) proves nothing; only queryVerifyInfo's
// `errcode == 0 && verify_ret == 10000` is a pass. WeChat binds the verify_id to the out_seq_no, openid and
// cert_info given to getVerifyId, and queryVerifyInfo must repeat them (cert_info as its hash), so a verify_id
// obtained for one identity cannot pass a check for another. verify_ret values other than 10000 (90001–90199:
// no camera, cancelled, timeout, network; 1000x: the face did not match) are ordinary "not passed" results;
// WeChat's errcodes are exceptions (502 with the errcode in the log).
import { createHash, randomBytes } from 'node:crypto'
import type { WechatConfig } from '../config'
import type { FaceIdentity, WechatFaceCheck, WechatFaceResult } from '../domain/ports'
import { platformFailure, type AccessTokenSource } from './wechat-access-token'
import { WechatApiClient, errcodeOf } from './wechat-api'

export const FACE_UNAVAILABLE_MESSAGE = '暂时无法进行人脸核验，请稍后再试，或改用短信验证码验证'
export const VERIFY_RET_PASSED = 10000
const CERT_TYPE = 'IDENTITY_CARD'
const OUT_SEQ_NO = /^[A-Za-z0-9_-]{5,32}$/

/** A fresh out_seq_no: 'f' + 24 base64url characters (144 random bits), inside WeChat's 5–32 [A-Za-z0-9_-]. */
export function newOutSeqNo (): string {
  return `f${randomBytes(18).toString('base64url')}`
}

export function isValidOutSeqNo (s: string): boolean {
  return OUT_SEQ_NO.test(s)
}

/**
 * WeChat's cert_hash: lowercase hex SHA-256 of `cert_type=<b64>&cert_name=<b64>&cert_no=<b64>`, each value the
 * standard base64 of its UTF-8 bytes, in that order.
 */
export function certHash (certName: string, certNo: string, certType: string = CERT_TYPE): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
  return createHash('sha256')
    .update(`cert_type=${b64(certType)}&cert_name=${b64(certName)}&cert_no=${b64(certNo)}`, 'utf8')
    .digest('hex')
}

function checkOutSeqNo (outSeqNo: string): void {
  // Ours to generate, so a bad one is a bug here, not the person's input: a plain error (500), named clearly.
  if (!isValidOutSeqNo(outSeqNo)) throw new RangeError('out_seq_no must be 5–32 characters of [A-Za-z0-9_-]')
}

export class WechatFaceVerifier implements WechatFaceCheck {
  readonly platform = 'wechat' as const
  private readonly api: WechatApiClient

  constructor (cfg: WechatConfig, tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.api = new WechatApiClient(cfg, tokens, opts)
  }

  newOutSeqNo (): string { return newOutSeqNo() }

  async getVerifyId (p: FaceIdentity): Promise<{ verifyId: string; expiresInSeconds: number }> {
    checkOutSeqNo(p.outSeqNo)
    const answer = await this.api.post('/cityservice/face/identify/getverifyid', {
      out_seq_no: p.outSeqNo,
      cert_info: { cert_type: CERT_TYPE, cert_name: p.certName, cert_no: p.certNo },
      openid: p.openid,
    }, 'getverifyid', FACE_UNAVAILABLE_MESSAGE)
    const errcode = errcodeOf(answer)
    // -1 busy, 40003 bad openid, 48001 the appid lacks face permission, a reused out_seq_no …: nothing the
    // person can fix; the operator reads the errcode.
    if (errcode !== undefined) throw platformFailure(FACE_UNAVAILABLE_MESSAGE, `wechat getverifyid errcode ${errcode}`)
    const verifyId = answer.verify_id
    if (typeof verifyId !== 'string' || verifyId === '') {
      throw platformFailure(FACE_UNAVAILABLE_MESSAGE, 'wechat getverifyid answered without verify_id')
    }
    // WeChat documents 3600 s as the default when it says nothing.
    const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 3600
    return { verifyId, expiresInSeconds: expiresIn }
  }

  async queryVerifyInfo (p: FaceIdentity & { verifyId: string }): Promise<WechatFaceResult> {
    checkOutSeqNo(p.outSeqNo)
    const answer = await this.api.post('/cityservice/face/identify/queryverifyinfo', {
      verify_id: p.verifyId,
      out_seq_no: p.outSeqNo,
      cert_hash: certHash(p.certName, p.certNo),
      openid: p.openid,
    }, 'queryverifyinfo', FACE_UNAVAILABLE_MESSAGE)
    const errcode = errcodeOf(answer)
    if (errcode !== undefined) {
      // The device / cancel / timeout outcomes, should WeChat report one as an errcode: a result, not an outage.
      if (errcode >= 90000 && errcode <= 90199) return { passed: false, verifyRet: errcode }
      // A verify_id that is unknown, expired or bound to another out_seq_no / openid / cert_hash, and every other
      // errcode: never a pass; the log gets the errcode (a mismatch means a forged or confused request).
      throw platformFailure(FACE_UNAVAILABLE_MESSAGE, `wechat queryverifyinfo errcode ${errcode}`)
    }
    const ret = answer.verify_ret
    const verifyRet = typeof ret === 'number' && Number.isInteger(ret) ? ret : null
    return { passed: verifyRet === VERIFY_RET_PASSED, verifyRet }
  }
}
