// SOTER biometric unlock contract (WeChat only): a one-use server challenge, then the device's signed result.
import { Type, type Static } from 'typebox'

/** What wx.startSoterAuthentication needs: the challenge to sign and the text of the system dialog. */
export const SoterChallenge = Type.Object({
  /** Random, one use, for this session only; becomes resultJSON's `raw`. */
  challenge: Type.String(),
  /** 给系统指纹对话框显示的说明文字。 */
  authContent: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type SoterChallenge = Static<typeof SoterChallenge>

/** wx.startSoterAuthentication's resultJSON and resultJSONSignature, passed on unchanged. */
export const SoterVerifyBody = Type.Object({
  // x-multiline: passed on unchanged, and a device's base64 may be wrapped in lines; other control characters are refused.
  resultJSON: Type.String({ minLength: 1, maxLength: 4096, 'x-multiline': true, description: 'wx.startSoterAuthentication 返回的 resultJSON，原样提交' }),
  resultJSONSignature: Type.String({ minLength: 1, maxLength: 2048, 'x-multiline': true, description: 'resultJSONSignature（base64），原样提交' }),
}, { additionalProperties: false })
export type SoterVerifyBody = Static<typeof SoterVerifyBody>
