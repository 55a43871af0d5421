// Consents: the current texts (public), this session's standing on each, recording an acceptance and withdrawing it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConsentBody, ConsentDocuments, ConsentParams, ConsentStatus, ConsentStatusList } from '../../../../../types/api/consent'
import { consentDocuments } from '../../../../domain/consent-documents'
import { sessionOf } from '../../../../plugins/auth'
import { bearer, errorAnswers, idempotentBearer } from '../schemas'

const errors = errorAnswers(400, 401, 403, 429)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { consents } = app.services
  const secured = { preHandler: app.authenticate }
  const common = { tags: ['consent'], ...bearer }

  app.get('/consents/documents', {
    schema: { tags: ['consent'], summary: '隐私政策和敏感个人信息处理授权书的当前版本与全文', response: { 200: ConsentDocuments, ...errorAnswers(429) } },
  }, async () => ({ items: [...consentDocuments] }))

  app.get('/consents', {
    ...secured,
    schema: { ...common, summary: '本会话的持有人（已绑定的参保人，或尚未绑定的平台账号）是否已同意各文本的当前版本', response: { 200: ConsentStatusList, ...errors } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    return { items: await consents.statusOf(sessionOf(req)) }
  })

  app.post('/consents', {
    ...secured,
    schema: {
      ...common, ...idempotentBearer, summary: '记录同意（只接受当前版本；同一版本重复提交不重复记录）', body: ConsentBody,
      response: { 200: ConsentStatus, ...errorAnswers(409, 422), ...errors },
    },
  }, async (req) => consents.accept(sessionOf(req), req.body))

  app.delete('/consents/:document', {
    ...secured,
    schema: { ...common, ...idempotentBearer, summary: '撤回同意', params: ConsentParams, response: { 200: ConsentStatus, ...errorAnswers(409, 422), ...errors } },
  }, async (req) => consents.withdraw(sessionOf(req), req.params.document))
}
export default routes
