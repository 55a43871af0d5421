// GET /api/v1/contributions: the verified person's 缴费记录, newest period first, with 断缴 gaps interleaved.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ContributionsPage, ContributionsQuery } from '../../../../../types/api/contributions'
import { bearer, errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { contributions } = app.services
  app.get('/contributions', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '缴费记录：按所属期从新到旧，断缴处附说明', ...bearer, querystring: ContributionsQuery,
      response: { 200: ContributionsPage, ...errorAnswers(400, 401, 403, 404) },
    },
  }, async (req, reply) => app.readAccountData(req, reply, { resource: 'contributions' }, (personId) => contributions.list(personId, req.query)))
}
export default routes
