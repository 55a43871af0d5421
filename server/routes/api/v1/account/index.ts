// GET /api/v1/account: the verified person's account summary.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccountSummary } from '../../../../../types/api/account'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { accountSummary } from '../../../../domain/account'
import { clientContext, recordAccess } from '../../../../domain/access-log'
import { sessionOf } from '../../../../plugins/services'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, db, clock } = app.services
  app.get('/account', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '账户概况：余额、数据截至、参保类型、参保地', headers: BearerHeaders, security: [{ bearer: [] }],
      response: { 200: AccountSummary, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const session = sessionOf(req)
    const personId = sessions.requireVerifiedPerson(session)
    reply.header('cache-control', 'no-store')
    const summary = await accountSummary(db, clock, personId)
    await recordAccess(db, { personId, sessionId: session.id, resource: 'account', ...clientContext(req), at: clock.now() })
    return summary
  })
}
export default routes
