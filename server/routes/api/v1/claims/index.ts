// 报销进度: GET /api/v1/claims (the verified person's claims, newest first), GET /api/v1/claims/{id} (one claim with
// its timeline), POST /api/v1/claims/{id}/subscriptions (WeChat stage-change notices the person accepted).
// Another person's claim id answers 404, like a missing one; every read leaves an access-log row.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ClaimDetail, ClaimParams, ClaimsPage, ClaimsQuery, ClaimSubscribeBody, ClaimSubscribeResult,
} from '../../../../../types/api/claims'
import { bearer, errorAnswers, idempotentBearer } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { claims } = app.services
  const account = { tags: ['account'], ...bearer }

  app.get('/claims', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '报销进度：按提交时间从新到旧', querystring: ClaimsQuery,
      response: { 200: ClaimsPage, ...errorAnswers(400, 401, 403) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'claims' }, (personId) => claims.list(personId, req.query)))

  app.get('/claims/:id', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '报销详情：办理记录、缺少的材料、下一步、收款账户（卡号只显示后四位）',
      params: ClaimParams, response: { 200: ClaimDetail, ...errorAnswers(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const id = Number(req.params.id)
    return app.readAccountData(req, reply, { resource: 'claim_detail', resourceId: id },
      (personId, session) => claims.detail(personId, id, session.identityId))
  })

  app.post('/claims/:id/subscriptions', {
    preHandler: app.authenticate,
    schema: {
      ...account, ...idempotentBearer,
      summary: '订阅这笔报销的进度提醒：wx.requestSubscribeMessage 返回 accept 后，把同意的模板 id 发给服务端（仅微信小程序）',
      params: ClaimParams, body: ClaimSubscribeBody, response: { 200: ClaimSubscribeResult, ...errorAnswers(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => app.writeAccountData(req, reply,
    (personId, session) => claims.subscribe(personId, Number(req.params.id), session.identityId, req.body.templateIds)))
}
export default routes
