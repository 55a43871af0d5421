// GET /api/v1/contributions: the verified person's 缴费记录, newest period first, with 断缴 gaps interleaved.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { ContributionsPage, ContributionsQuery } from '../../../../../types/api/contributions'
import { listContributions } from '../../../../domain/contributions'
import { CursorCodec } from '../../../../domain/cursor'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, cipher } = app.services
  const codec = new CursorCodec(cipher)
  app.get('/contributions', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '缴费记录：按所属期从新到旧，断缴处附说明', headers: BearerHeaders, querystring: ContributionsQuery,
      security: [{ bearer: [] }],
      response: { 200: ContributionsPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    return app.readAccountData(req, reply, { resource: 'contributions' },
      (personId) => listContributions(db, clock, codec, personId, req.query))
  })
}
export default routes
