// Login contract: platform code exchange, SMS code request and SMS login.
import { Type, type Static } from 'typebox'

export const Platform = Type.Union([Type.Literal('wechat'), Type.Literal('alipay')])
export type Platform = Static<typeof Platform>

export const PlatformLoginBody = Type.Object({
  platform: Platform,
  code: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_\\-.]+$' }),
}, { additionalProperties: false })
export type PlatformLoginBody = Static<typeof PlatformLoginBody>

export const PhoneNumber = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '中国大陆 11 位手机号' })

export const SmsCodeRequestBody = Type.Object({
  phone: PhoneNumber,
  purpose: Type.Literal('login'),
}, { additionalProperties: false })
export type SmsCodeRequestBody = Static<typeof SmsCodeRequestBody>

export const SmsCodeSent = Type.Object({
  message: Type.String(),
  expiresInSeconds: Type.Integer(),
  resendAfterSeconds: Type.Integer(),
})
export type SmsCodeSent = Static<typeof SmsCodeSent>

export const SmsLoginBody = Type.Object({
  phone: PhoneNumber,
  code: Type.String({ pattern: '^[0-9]{6}$', description: '6 位短信验证码' }),
}, { additionalProperties: false })
export type SmsLoginBody = Static<typeof SmsLoginBody>

export const LoginResult = Type.Object({
  token: Type.String({ description: '不透明的会话令牌，只在此应答中出现一次' }),
  expiresAt: Type.String({ format: 'date-time', description: '绝对过期时间' }),
  bound: Type.Boolean({ description: '是否已绑定参保人' }),
  verifiedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type LoginResult = Static<typeof LoginResult>

export const IdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$', description: '18 位居民身份证号' })
export const CardNumber = Type.String({ minLength: 4, maxLength: 32, pattern: '^[A-Za-z0-9-]+$', description: '医保卡号' })
export const QueryPassword = Type.String({ pattern: '^[0-9]{6}$', description: '6 位数字的医保卡查询密码' })

/** Exactly one of idNumber / cardNumber (checked by the route, so that the message can say so plainly). */
export const PasswordLoginBody = Type.Object({
  idNumber: Type.Optional(IdNumber),
  cardNumber: Type.Optional(CardNumber),
  password: QueryPassword,
}, { additionalProperties: false })
export type PasswordLoginBody = Static<typeof PasswordLoginBody>

export const PasswordResetCodeBody = Type.Object({ idNumber: IdNumber }, { additionalProperties: false })
export type PasswordResetCodeBody = Static<typeof PasswordResetCodeBody>

export const PasswordResetBody = Type.Object({
  idNumber: IdNumber,
  code: Type.String({ pattern: '^[0-9]{6}$', description: '6 位短信验证码' }),
  newPassword: QueryPassword,
}, { additionalProperties: false })
export type PasswordResetBody = Static<typeof PasswordResetBody>

export const PasswordResetDone = Type.Object({ message: Type.String() })
export type PasswordResetDone = Static<typeof PasswordResetDone>
