// Hospital entries: GET /api/v1/institutions/entries/{entryCode} (public: what a poster's QR code opens — the
// institution, its claims desk, what to bring) and GET /api/v1/institutions/entries/{entryCode}/mine (the verified
// person's spending and claims there this year). Unknown codes answer 404 entry_code_unknown, revoked ones 410
// entry_code_revoked. The public route has its own, tighter per-client limit (ENTRY_RATE_PER_MINUTE), counted across
// all codes, so that walking through guessed codes is slow; a malformed code is a 400 before any lookup.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EntryParams, InstitutionEntry, InstitutionMine } from '../../../../../types/api/institutions'
import type { AccountRead } from '../../../../plugins/auth'
import { bearer, errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { cfg, institutions } = app.services

  app.get('/institutions/entries/:entryCode', {
    config: { rateLimit: { max: cfg.entryRatePerMinute, timeWindow: 60_000 } },
    schema: {
      tags: ['institutions'], summary: '扫医院的二维码：机构名称、等级、地址、是否医保定点、医保报销窗口（位置、时间、电话）和报销要带的材料；无需登录',
      params: EntryParams,
      response: { 200: InstitutionEntry, ...errorAnswers(400, 404, 410, 429) },
    },
  }, async (req, reply) => {
    // A revoked code must stop working at once, so no cache (a proxy's or the browser's) may keep an old answer.
    reply.header('cache-control', 'no-store')
    return institutions.entry(req.params.entryCode)
  })

  app.get('/institutions/entries/:entryCode/mine', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '我在这家机构：今年在这里结算的次数和金额（个人账户支付、自付），今年提交的在这里就诊的报销',
      ...bearer, params: EntryParams, response: { 200: InstitutionMine, ...errorAnswers(400, 401, 403, 404, 410) },
    },
  }, async (req, reply) => {
    // The log row names the institution (its code outlives any entry code); readAccountData writes `what` after the
    // read, so the read fills it in.
    const what: AccountRead = { resource: 'institution' }
    return app.readAccountData(req, reply, what, async (personId) => {
      const mine = await institutions.mine(personId, req.params.entryCode)
      what.resourceId = mine.institutionCode
      return mine
    })
  })
}
export default routes
