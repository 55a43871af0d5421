// Step-up verification contract: which methods a session may use now, and the SMS and password checks.
import { Type, type Static } from 'typebox'
import { QueryPassword } from './auth'

export const VerificationMethodName = Type.Union([
  Type.Literal('face'), Type.Literal('sms'), Type.Literal('password'), Type.Literal('soter'),
])
export type VerificationMethodName = Static<typeof VerificationMethodName>

export const VerificationMethods = Type.Object({
  methods: Type.Array(Type.Object({
    method: VerificationMethodName,
    available: Type.Boolean(),
    /** Why not, in words for the person (e.g. the password is locked until 14:05). */
    reason: Type.Optional(Type.String()),
  })),
  /** The phone on file, masked: where a verification code would go. */
  phoneMasked: Type.String(),
  verifiedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type VerificationMethods = Static<typeof VerificationMethods>

export const VerifySmsBody = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6}$', description: '6 位短信验证码' }),
}, { additionalProperties: false })
export type VerifySmsBody = Static<typeof VerifySmsBody>

export const VerifyPasswordBody = Type.Object({ password: QueryPassword }, { additionalProperties: false })
export type VerifyPasswordBody = Static<typeof VerifyPasswordBody>

export const Verified = Type.Object({ verifiedUntil: Type.String({ format: 'date-time' }) })
export type Verified = Static<typeof Verified>

/** What the client needs to open the platform's face check (wx.requestFacialVerify / my.startAPVerify). */
export const FaceStart = Type.Union([
  Type.Object({ checkId: Type.Integer(), platform: Type.Literal('wechat'), verifyId: Type.String() }),
  Type.Object({ checkId: Type.Integer(), platform: Type.Literal('alipay'), certifyId: Type.String(), url: Type.String() }),
])
export type FaceStart = Static<typeof FaceStart>

export const FaceCheckParams = Type.Object({ checkId: Type.Integer({ minimum: 1, maximum: 9007199254740991 }) })

/** Decided by the server's own query to the platform; what the client's callback said does not count. */
export const FaceResult = Type.Object({
  passed: Type.Boolean(),
  verifiedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  message: Type.String(),
})
export type FaceResult = Static<typeof FaceResult>
