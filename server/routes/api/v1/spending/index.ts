// 消费记录: GET /api/v1/spending (the verified person's settlements, newest first, filters: dates, type,
// institution), GET /api/v1/spending/{id} (one settlement: items, unusual-charge flags, disputes),
// GET /api/v1/spending/institutions (where they went, for the filter), GET /api/v1/spending/family-premiums
// (家庭共济缴费 for relatives), and 「不是我的消费」: POST /api/v1/spending/{id}/disputes,
// POST /api/v1/spending/{id}/disputes/{disputeId}/withdraw. Another person's id answers 404 like a missing one;
// every read leaves an access-log row; nothing is cached.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  Dispute, DisputeBody, DisputeParams, FamilyPremiumsPage, FamilyPremiumsQuery, SpendingDetail, SpendingInstitutions,
  SpendingPage, SpendingParams, SpendingQuery,
} from '../../../../../types/api/spending'
import { bearer, errorAnswers, idempotentBearer } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { spending } = app.services
  const account = { tags: ['account'], ...bearer }

  app.get('/spending', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '消费记录：在医院、药店的每笔结算，按结算时间从新到旧；可按日期、就诊类型、机构筛选',
      querystring: SpendingQuery, response: { 200: SpendingPage, ...errorAnswers(400, 401, 403) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'spending' }, (personId) => spending.list(personId, req.query)))

  // Static paths are matched before /spending/:id, whatever the order they are declared in.
  app.get('/spending/institutions', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '本人结算过的医院和药店（按机构筛选时的选项），最近去过的在前',
      response: { 200: SpendingInstitutions, ...errorAnswers(401, 403) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'spending' }, (personId) => spending.institutions(personId)))

  app.get('/spending/family-premiums', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '家庭共济缴费：用本人个人账户为亲属缴纳的城乡居民医保，按扣款时间从新到旧',
      querystring: FamilyPremiumsQuery, response: { 200: FamilyPremiumsPage, ...errorAnswers(400, 401, 403) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'spending' }, (personId) => spending.familyPremiums(personId, req.query)))

  app.get('/spending/:id', {
    preHandler: app.authenticate,
    schema: {
      ...account, summary: '消费详情：结算明细（甲类、乙类、丙类）、支付方式、异常消费提醒、申诉记录',
      params: SpendingParams, response: { 200: SpendingDetail, ...errorAnswers(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const id = Number(req.params.id)
    return app.readAccountData(req, reply, { resource: 'spending_detail', resourceId: id }, (personId) => spending.detail(personId, id))
  })

  app.post('/spending/:id/disputes', {
    // The note is optional, so an empty request (no body at all) is as good as {}.
    preValidation: async (req) => { if (req.body === undefined || req.body === null) req.body = {} },
    preHandler: app.authenticate,
    schema: {
      ...account, ...idempotentBearer,
      summary: '标记“不是我的消费”：登记一次申诉，答复中说明接下来会怎样（含 12393 医保服务热线）；同一笔消费同时只能有一次核实中的申诉',
      params: SpendingParams, body: DisputeBody, response: { 201: Dispute, ...errorAnswers(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const dispute = await app.writeAccountData(req, reply, (personId) => spending.createDispute(personId, Number(req.params.id), req.body.note))
    return reply.status(201).send(dispute)
  })

  app.post('/spending/:id/disputes/:disputeId/withdraw', {
    preHandler: app.authenticate,
    schema: {
      ...account, ...idempotentBearer, summary: '撤回一次核实中的申诉（撤回后仍保留在申诉记录中）',
      params: DisputeParams, response: { 200: Dispute, ...errorAnswers(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => app.writeAccountData(req, reply,
    (personId) => spending.withdrawDispute(personId, Number(req.params.id), Number(req.params.disputeId))))
}
export default routes
