// Login routes: platform code exchange, SMS code request and SMS login, logout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  LoginResult, PasswordLoginBody, PasswordResetBody, PasswordResetCodeBody, PasswordResetDone, PlatformLoginBody,
  SmsCodeRequestBody, SmsCodeSent, SmsLoginBody,
} from '../../../../../types/api/auth'
import { upsertIdentity } from '../../../../db/repositories/identities'
import { findPersonByIdNumberHash } from '../../../../db/repositories/persons'
import { AppError } from '../../../../domain/errors'
import { normalizeIdNumber } from '../../../../domain/passwords'
import type { IssuedSession } from '../../../../domain/sessions'
import { smsRequester } from '../../../../domain/sms-codes'
import { sessionOf } from '../../../../plugins/auth'
import { bearer, errorAnswers } from '../schemas'

const errors = errorAnswers(400, 401, 403, 409, 429, 502)

const toBody = (s: IssuedSession) => ({
  token: s.token, expiresAt: s.expiresAt.toISOString(), bound: s.bound, verifiedUntil: s.verifiedUntil?.toISOString() ?? null,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, smsCodes, passwords, exchangers, db, clock, cfg, cipher } = app.services
  const loginLimit = { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } }
  const smsLimit = { rateLimit: { max: cfg.smsRatePerHour, timeWindow: 3600_000 } }

  app.post('/auth/login/platform', {
    config: loginLimit,
    schema: { tags: ['auth'], summary: '平台登录（wx.login / my.getAuthCode 的 code 换会话）', body: PlatformLoginBody, response: { 200: LoginResult, ...errors } },
  }, async (req) => {
    const exchanger = exchangers[req.body.platform]
    const who = await exchanger.exchange(req.body.code)
    const identity = await upsertIdentity(db, { platform: who.platform, subject: who.subject, unionId: who.unionId, now: clock.now() })
    // Only a dev demo code is verified by login itself (dev mode only: the dev exchanger cannot run without it).
    const verified = who.devDemo === true && exchanger.kind === 'dev' && cfg.devMode
    const issued = await sessions.issue({ personId: identity.personId, identityId: identity.id, method: who.platform, verified })
    return toBody(issued)
  })

  app.post('/auth/sms-codes', {
    config: smsLimit,
    schema: { tags: ['auth'], summary: '获取短信验证码', body: SmsCodeRequestBody, response: { 200: SmsCodeSent, ...errors } },
  }, async (req) => smsCodes.request(req.body.phone, req.body.purpose, smsRequester({ address: req.ip })))

  app.post('/auth/login/sms', {
    config: loginLimit,
    schema: { tags: ['auth'], summary: '手机号 + 短信验证码登录', body: SmsLoginBody, response: { 200: LoginResult, ...errors } },
  }, async (req) => {
    const person = await smsCodes.verify(req.body.phone, 'login', req.body.code)
    return toBody(await sessions.issue({ personId: person.id, identityId: null, method: 'sms', verified: true }))
  })

  app.post('/auth/login/password', {
    config: loginLimit,
    schema: {
      tags: ['auth'], summary: '身份证号或医保卡号 + 查询密码登录（5 次输错锁定 30 分钟）', body: PasswordLoginBody,
      response: { 200: LoginResult, ...errors },
    },
  }, async (req) => {
    const { idNumber, cardNumber, password } = req.body
    if ((idNumber === undefined) === (cardNumber === undefined)) {
      throw new AppError('validation_failed', '请填写身份证号或医保卡号中的一项，再输入查询密码')
    }
    const person = await passwords.login(idNumber !== undefined ? { idNumber } : { cardNumber: cardNumber! }, password)
    return toBody(await sessions.issue({ personId: person.id, identityId: null, method: 'password', verified: true }))
  })

  app.post('/auth/password-reset/sms-codes', {
    config: smsLimit,
    schema: {
      tags: ['auth'], summary: '忘记密码：向登记的手机号发送验证码', body: PasswordResetCodeBody,
      response: { 200: SmsCodeSent, ...errors },
    },
  }, async (req) => {
    const id = normalizeIdNumber(req.body.idNumber)
    const sent = await smsCodes.issue('password_reset', `id:${id}`, async (tx) => {
      const person = await findPersonByIdNumberHash(tx, cipher.lookupHash(id))
      return person ? cipher.decrypt(person.phoneEnc) : null
    }, smsRequester({ address: req.ip }))
    return { ...sent, message: '如果该身份证号已登记，验证码将发送到登记的手机号' }
  })

  app.post('/auth/password-reset', {
    config: loginLimit,
    schema: {
      tags: ['auth'], summary: '忘记密码：验证码 + 新的查询密码（同时解除锁定）', body: PasswordResetBody,
      response: { 200: PasswordResetDone, ...errors },
    },
  }, async (req) => {
    const id = normalizeIdNumber(req.body.idNumber)
    // The new password is judged before the code is used up, so a weak one does not cost the person their code.
    passwords.checkNewPassword(req.body.newPassword, id)
    // The code's use, the new password, the cleared locks and the ended sessions: one transaction.
    await passwords.reset(id, req.body.newPassword, await smsCodes.accept('password_reset', `id:${id}`, req.body.code))
    return { message: '查询密码已重新设置，请用新密码登录' }
  })

  app.post('/auth/logout', {
    preHandler: app.authenticate,
    schema: { tags: ['auth'], summary: '退出登录', ...bearer, response: { 204: Type.Null(), ...errorAnswers(401) } },
  }, async (req, reply) => {
    await sessions.end(sessionOf(req))
    return reply.status(204).send(null)
  })
}
export default routes
