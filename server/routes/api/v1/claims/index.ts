// 报销进度: GET /api/v1/claims (the verified person's claims, newest first), GET /api/v1/claims/{id} (one claim with
// its timeline), POST /api/v1/claims/{id}/subscriptions (WeChat stage-change notices the person accepted).
// Another person's claim id answers 404, like a missing one; every read leaves an access-log row.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ClaimDetail, ClaimParams, ClaimsPage, ClaimsQuery, ClaimSubscribeBody, ClaimSubscribeResult,
} from '../../../../../types/api/claims'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { sessionOf } from '../../../../plugins/services'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { claims } = app.services

  app.get('/claims', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '报销进度：按提交时间从新到旧', headers: BearerHeaders, querystring: ClaimsQuery, security: [{ bearer: [] }],
      response: { 200: ClaimsPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
  }, async (req, reply) => {
    return app.readAccountData(req, reply, { resource: 'claims' }, (personId) => claims.list(personId, req.query))
  })

  app.get('/claims/:id', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '报销详情：办理记录、缺少的材料、下一步、收款账户（卡号只显示后四位）',
      headers: BearerHeaders, params: ClaimParams, security: [{ bearer: [] }],
      response: { 200: ClaimDetail, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const id = Number(req.params.id)
    return app.readAccountData(req, reply, { resource: 'claim_detail', resourceId: id },
      (personId, session) => claims.detail(personId, id, session.identityId))
  })

  app.post('/claims/:id/subscriptions', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'],
      summary: '订阅这笔报销的进度提醒：wx.requestSubscribeMessage 返回 accept 后，把同意的模板 id 发给服务端（仅微信小程序）',
      headers: BearerHeaders, params: ClaimParams, body: ClaimSubscribeBody, security: [{ bearer: [] }],
      response: { 200: ClaimSubscribeResult, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req, reply) => {
    const personId = await app.accountPerson(req, reply)
    return claims.subscribe(personId, Number(req.params.id), sessionOf(req).identityId, req.body.templateIds)
  })
}
export default routes
