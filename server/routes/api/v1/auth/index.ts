// Login routes: platform code exchange, SMS code request and SMS login, logout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { LoginResult, PlatformLoginBody, SmsCodeRequestBody, SmsCodeSent, SmsLoginBody } from '../../../../../types/api/auth'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { upsertIdentity } from '../../../../db/repositories/identities'
import type { IssuedSession } from '../../../../domain/sessions'
import { sessionOf } from '../../../../plugins/services'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody, 502: ErrorBody }
const loginLimit = { rateLimit: { max: 20, timeWindow: 60_000 } }

const toBody = (s: IssuedSession) => ({
  token: s.token, expiresAt: s.expiresAt.toISOString(), bound: s.bound, verifiedUntil: s.verifiedUntil?.toISOString() ?? null,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, smsCodes, exchangers, db, clock, cfg } = app.services

  app.post('/auth/login/platform', {
    config: loginLimit,
    schema: { tags: ['auth'], summary: '平台登录（wx.login / my.getAuthCode 的 code 换会话）', body: PlatformLoginBody, response: { 200: LoginResult, ...errors } },
  }, async (req) => {
    const exchanger = exchangers[req.body.platform]
    const who = await exchanger.exchange(req.body.code)
    const identity = await upsertIdentity(db, { platform: who.platform, subject: who.subject, unionId: who.unionId, now: clock.now() })
    // Only a dev demo code is verified by login itself (never in production: the dev exchanger cannot run there).
    const verified = who.devDemo === true && exchanger.kind === 'dev' && !cfg.production
    const issued = await sessions.issue({ personId: identity.personId, identityId: identity.id, method: who.platform, verified })
    return toBody(issued)
  })

  app.post('/auth/sms-codes', {
    config: { rateLimit: { max: 10, timeWindow: 3600_000 } },
    schema: { tags: ['auth'], summary: '获取短信验证码', body: SmsCodeRequestBody, response: { 200: SmsCodeSent, ...errors } },
  }, async (req) => smsCodes.request(req.body.phone, req.body.purpose))

  app.post('/auth/login/sms', {
    config: loginLimit,
    schema: { tags: ['auth'], summary: '手机号 + 短信验证码登录', body: SmsLoginBody, response: { 200: LoginResult, ...errors } },
  }, async (req) => {
    const person = await smsCodes.verify(req.body.phone, 'login', req.body.code)
    return toBody(await sessions.issue({ personId: person.id, identityId: null, method: 'sms', verified: true }))
  })

  app.post('/auth/logout', {
    preHandler: app.authenticate,
    schema: { tags: ['auth'], summary: '退出登录', headers: BearerHeaders, security: [{ bearer: [] }], response: { 204: Type.Null(), 401: ErrorBody } },
  }, async (req, reply) => {
    await sessions.end(sessionOf(req))
    return reply.status(204).send(null)
  })
}
export default routes
