// 分享给家人: POST /api/v1/claims/{id}/shares (a grant for one recipient), GET /api/v1/shares (我的分享),
// POST /api/v1/shares/{id}/revoke, POST /api/v1/shares/revoke-all — the verified, consenting owner's, never cached —
// and the public family view GET /api/v1/share-view, whose token comes only in the X-Share-Token header (a URL would
// put it in logs and Referers). Every share-view answer, a refusal or a 429 included, is uncacheable, unindexed and
// sends no Referer; every token that opens nothing (an owner without consent included) gets the same 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ClaimParams } from '../../../../../types/api/claims'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { ShareCreateBody, ShareCreated, ShareList, ShareParams, ShareRevoked, ShareView, ShareViewHeaders } from '../../../../../types/api/shares'
import { clientContext } from '../../../../domain/access-log'
import { sessionOf } from '../../../../plugins/services'

const security = [{ bearer: [] }]
const ownerErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/** onSend, so that errors (a 404, a rate limit's 429, a validation failure) carry them as well as a view does. */
async function privateAnswer (_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('cache-control', 'no-store')
  reply.header('referrer-policy', 'no-referrer')
  reply.header('x-robots-tag', 'noindex')
  return payload
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { shares, cfg } = app.services

  /** The verified, consenting owner (app.accountPerson's 403s otherwise); the answer is never cached. */
  const owner = async (req: FastifyRequest, reply: FastifyReply) => {
    const personId = await app.accountPerson(req, reply)
    return { personId, identityId: sessionOf(req).identityId }
  }

  app.post('/claims/:id/shares', {
    preHandler: app.authenticate,
    schema: {
      tags: ['shares'],
      summary: '分享给家人：为一位家人创建这笔报销的查看链接（1 小时、1 天或 7 天；默认不显示金额）。令牌只在这次应答中出现',
      headers: BearerHeaders, params: ClaimParams, body: ShareCreateBody, security,
      response: { 201: ShareCreated, ...ownerErrors, 409: ErrorBody },
    },
  }, async (req, reply) => {
    const created = await shares.create(await owner(req, reply), Number(req.params.id), req.body)
    return reply.status(201).send(created)
  })

  app.get('/shares', {
    preHandler: app.authenticate,
    schema: {
      tags: ['shares'], summary: '我的分享：从新到旧，含查看次数和最近一次查看；已失效的保留 30 天',
      headers: BearerHeaders, security, response: { 200: ShareList, ...ownerErrors },
    },
  }, async (req, reply) => shares.list((await owner(req, reply)).personId))

  app.post('/shares/:id/revoke', {
    preHandler: app.authenticate,
    schema: {
      tags: ['shares'], summary: '撤回一份分享（已撤回或已过期的再撤回一次也无妨，答复 revoked: 0）',
      headers: BearerHeaders, params: ShareParams, security, response: { 200: ShareRevoked, ...ownerErrors },
    },
  }, async (req, reply) => shares.revoke((await owner(req, reply)).personId, Number(req.params.id)))

  app.post('/shares/revoke-all', {
    preHandler: app.authenticate,
    schema: {
      tags: ['shares'], summary: '撤回全部有效的分享',
      headers: BearerHeaders, security, response: { 200: ShareRevoked, ...ownerErrors },
    },
  }, async (req, reply) => shares.revokeAll((await owner(req, reply)).personId))

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
      response: { 200: ShareView, 404: ErrorBody, 429: ErrorBody },
    },
  }, async (req) => {
    const header = req.headers['x-share-token']
    const token = req.validationError || typeof header !== 'string' ? undefined : header
    return shares.view(token, clientContext(req))
  })
}
export default routes
