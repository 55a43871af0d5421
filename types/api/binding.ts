// Binding contract: a platform identity (WeChat openid, Alipay user) is tied to an insured person after a real-name
// check (name + ID number against the record) proved by a face check where the platform offers one, else an SMS
// code to the phone on file.
import { Type, type Static } from 'typebox'
import { IdNumber } from './auth'

export const BindingStartBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 30, pattern: '^\\s*[\\u3400-\\u9fff·•．.A-Za-z ]+\\s*$', description: '身份证上的姓名' }),
  idNumber: IdNumber,
}, { additionalProperties: false })
export type BindingStartBody = Static<typeof BindingStartBody>

export const BindingProofName = Type.Union([Type.Literal('face'), Type.Literal('sms')])
export type BindingProofName = Static<typeof BindingProofName>

/** The pending binding: whose record matched (masked) and how it may be proved now. */
export const BindingState = Type.Object({
  nameMasked: Type.String(),
  idNumberMasked: Type.String(),
  /** Where an SMS code would go. */
  phoneMasked: Type.String(),
  proofs: Type.Array(Type.Object({
    method: BindingProofName,
    available: Type.Boolean(),
    /** Why not yet, in words for the person. */
    reason: Type.Optional(Type.String()),
  })),
  /** Face checks of this binding that did not pass (two open the SMS code where face is offered). */
  faceFailures: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type BindingState = Static<typeof BindingState>

export const BindingSmsBody = Type.Object({
  code: Type.String({ pattern: '^[0-9]{6}$', description: '6 位短信验证码' }),
}, { additionalProperties: false })
export type BindingSmsBody = Static<typeof BindingSmsBody>

/** Bound: the session now belongs to the person and counts as verified. */
export const BindingDone = Type.Object({
  bound: Type.Literal(true),
  verifiedUntil: Type.String({ format: 'date-time' }),
})
export type BindingDone = Static<typeof BindingDone>

/** A face check that proves a binding: the same outcome shape as a step-up face check, plus the binding state. */
export const BindingFaceResult = Type.Object({
  passed: Type.Boolean(),
  verifiedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  message: Type.String(),
  faceFailures: Type.Integer(),
})
export type BindingFaceResult = Static<typeof BindingFaceResult>
