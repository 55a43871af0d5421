// GET /api/v1/account: the verified person's account summary, with this year's money in and out (thisYear).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccountSummary } from '../../../../../types/api/account'
import { bearer, errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { account } = app.services
  app.get('/account', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '账户概况：余额、数据截至、参保类型、参保地，以及今年的收支（城乡居民为缴费、就医和报销）', ...bearer,
      response: { 200: AccountSummary, ...errorAnswers(401, 403, 404) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'account' }, (personId) => account.summary(personId)))
}
export default routes
