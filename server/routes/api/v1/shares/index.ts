// 分享给家人: POST /api/v1/claims/{id}/shares (a grant for one recipient), GET /api/v1/shares (我的分享),
// POST /api/v1/shares/{id}/revoke, POST /api/v1/shares/revoke-all — the verified, consenting owner's, never cached —
// and the public family view GET /api/v1/share-view, whose token comes only in the X-Share-Token header (a URL would
// put it in logs and Referers). Every share-view answer, a refusal or a 429 included, is uncacheable, unindexed and
// sends no Referer; every token that opens nothing (an owner without consent included) gets the same 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ClaimParams } from '../../../../../types/api/claims'
import { ShareCreateBody, ShareCreated, ShareList, ShareParams, ShareRevoked, ShareView, ShareViewHeaders } from '../../../../../types/api/shares'
import { clientContext } from '../../../../domain/access-log'
import { bearer, errorAnswers, idempotentBearer } from '../schemas'

const owned = { tags: ['shares'], ...bearer }
const ownerErrors = errorAnswers(400, 401, 403, 404)

/** onSend, so that errors (a 404, a rate limit's 429, a validation failure) carry them as well as a view does. */
async function privateAnswer (_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
  reply.header('x-robots-tag', 'noindex')
  return payload
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { shares, cfg } = app.services

  app.post('/claims/:id/shares', {
    preHandler: app.authenticate,
    schema: {
      ...owned, ...idempotentBearer,
      summary: '分享给家人：为一位家人创建这笔报销的查看链接（1 小时、1 天或 7 天；默认不显示金额）。令牌只在这次应答中出现',
      params: ClaimParams, body: ShareCreateBody, response: { 201: ShareCreated, ...errorAnswers(400, 401, 403, 404, 409, 422) },
    },
  }, async (req, reply) => {
    const created = await app.writeAccountData(req, reply,
      (personId, session) => shares.create({ personId, identityId: session.identityId }, Number(req.params.id), req.body))
    return reply.status(201).send(created)
  })

  app.get('/shares', {
    preHandler: app.authenticate,
    schema: {
      ...owned, summary: '我的分享：从新到旧，含查看次数和最近一次查看；已失效的保留 30 天', response: { 200: ShareList, ...ownerErrors },
    },
  }, async (req, reply) => shares.list(await app.accountPerson(req, reply)))

  app.post('/shares/:id/revoke', {
    preHandler: app.authenticate,
    schema: {
      ...owned, ...idempotentBearer, summary: '撤回一份分享（已撤回或已过期的再撤回一次也无妨，答复 revoked: 0）',
      params: ShareParams, response: { 200: ShareRevoked, ...ownerErrors, ...errorAnswers(409, 422) },
    },
  }, async (req, reply) => app.writeAccountData(req, reply, (personId) => shares.revoke(personId, Number(req.params.id))))

  app.post('/shares/revoke-all', {
    preHandler: app.authenticate,
    schema: { ...owned, ...idempotentBearer, summary: '撤回全部有效的分享', response: { 200: ShareRevoked, ...ownerErrors, ...errorAnswers(409, 422) } },
  }, async (req, reply) => app.writeAccountData(req, reply, (personId) => shares.revokeAll(personId)))

  app.get('/share-view', {
    config: { rateLimit: { max: cfg.shareViewRatePerMinute, timeWindow: 60_000 } },
    onSend: privateAnswer,
    // A HEAD would count and log a view that showed nothing.
    exposeHeadRoute: false,
    // A header that fails the schema (too long) is one more token that opens nothing: the same 404, not a 400.
    attachValidation: true,
    schema: {
      tags: ['shares'],
      summary: '家人查看一笔报销的进度（无需登录；令牌只放在请求头 X-Share-Token 中）。无效、过期、已撤回的链接答复相同的 404 share_invalid',
      headers: ShareViewHeaders,
      response: { 200: ShareView, ...errorAnswers(404, 429) },
    },
  }, async (req) => {
    const header = req.headers['x-share-token']
    const token = req.validationError || typeof header !== 'string' ? undefined : header
    return shares.view(token, clientContext(req))
  })
}
export default routes
