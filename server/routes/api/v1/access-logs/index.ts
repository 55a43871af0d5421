// GET /api/v1/access-logs: 谁查看了我的数据 — every read of the person's account data, newest first, paged and
// filterable by channel and by who (本人 / 家人). The same checks as the account data it describes (bound, consents,
// verified): it tells when and how the person uses the app, which is theirs alone.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccessLogPage, AccessLogQuery } from '../../../../../types/api/access-logs'
import { bearer, errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { accessLogs } = app.services
  app.get('/access-logs', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], ...bearer,
      summary: '谁查看了我的数据：本人和家人（通过分享链接）查看账户数据的记录，从新到旧，可按渠道和查看人筛选',
      querystring: AccessLogQuery, response: { 200: AccessLogPage, ...errorAnswers(400, 401, 403) },
    },
  }, async (req, reply) => accessLogs.list(await app.accountPerson(req, reply), req.query))
}
export default routes
