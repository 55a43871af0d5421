// POST /api/v1/client-errors: a page that failed to draw says so, for the log (warn, `clientError`), and nothing
// else happens: no row, no answer body. Anyone may call it (a page can fail before login), so it is rate-limited per
// client, small (the schema's lengths), and the logger's redaction rules still run over what it writes (the app
// already masks digit runs; a crafted report meets the same rules as any other logged value).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ClientErrorReport } from '../../../../../types/api/client-errors'
import { errorAnswers } from '../schemas'

export const CLIENT_ERRORS_PER_MINUTE = 10

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/client-errors', {
    config: { rateLimit: { max: CLIENT_ERRORS_PER_MINUTE, timeWindow: 60_000 } },
    bodyLimit: 8 * 1024,
    schema: {
      tags: ['system'], summary: '页面出错时上报（只写入服务端日志，不保存；不含个人信息）', body: ClientErrorReport,
      response: { 204: Type.Null({ description: '已记录' }), ...errorAnswers(400, 413, 429) },
    },
  }, async (req, reply) => {
    const r = req.body
    // `errorType`, not `name`: the logger removes every `name` (a person's) by rule.
    req.log.warn({ clientError: { page: r.page, kind: r.kind, errorType: r.name, message: r.message, stack: r.stack ?? [], build: r.build } },
      'a page of the app failed')
    return reply.status(204).send(null)
  })
}
export default routes
