// SOTER biometric unlock routes (WeChat only): a one-use challenge, then the signed result, which re-opens the
// verification window of a session that already passed SMS, password or face on this device.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SoterChallenge, SoterVerifyBody } from '../../../../../types/api/soter'
import { Verified } from '../../../../../types/api/verification'
import { sessionOf } from '../../../../plugins/auth'
import { bearer, errorAnswers } from '../schemas'

const errors = errorAnswers(400, 401, 403, 429, 502)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, soter, cfg } = app.services
  const secured = { preHandler: app.authenticate }
  const common = { tags: ['verification'], ...bearer }
  const limit = { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } }

  app.post('/verifications/soter/challenges', {
    ...secured,
    config: limit,
    schema: {
      ...common,
      summary: '获取指纹/面容解锁的挑战因子（仅微信；本会话已用短信、查询密码或刷脸验证过）',
      response: { 200: SoterChallenge, ...errors },
    },
  }, async (req) => {
    const session = sessionOf(req)
    sessions.requirePerson(session)
    const c = await soter.challenge(session)
    return { challenge: c.challenge, authContent: c.authContent, expiresAt: c.expiresAt.toISOString() }
  })

  app.post('/verifications/soter', {
    ...secured,
    config: limit,
    schema: {
      ...common,
      summary: '用指纹/面容解锁完成验证（服务端经微信校验签名；不能用于实名绑定）',
      body: SoterVerifyBody,
      response: { 200: Verified, ...errors },
    },
  }, async (req) => {
    const session = sessionOf(req)
    sessions.requirePerson(session)
    const until = await soter.verify(session, req.body.resultJSON, req.body.resultJSONSignature)
    return { verifiedUntil: until.toISOString() }
  })
}
export default routes
