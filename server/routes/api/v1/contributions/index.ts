// GET /api/v1/contributions: the verified person's 缴费记录, newest period first, with 断缴 gaps interleaved.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BearerHeaders, ErrorBody } from '../../../../../types/api/common'
import { ContributionsPage, ContributionsQuery } from '../../../../../types/api/contributions'
import { clientContext, recordAccess } from '../../../../domain/access-log'
import { listContributions } from '../../../../domain/contributions'
import { CursorCodec } from '../../../../domain/cursor'
import { sessionOf } from '../../../../plugins/services'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, db, clock, cipher } = app.services
  const codec = new CursorCodec(cipher)
  app.get('/contributions', {
    preHandler: app.authenticate,
    schema: {
      tags: ['account'], summary: '缴费记录：按所属期从新到旧，断缴处附说明', headers: BearerHeaders, querystring: ContributionsQuery,
      security: [{ bearer: [] }],
      response: { 200: ContributionsPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const session = sessionOf(req)
    const personId = sessions.requireVerifiedPerson(session)
    reply.header('cache-control', 'no-store')
    const page = await listContributions(db, clock, codec, personId, req.query)
    await recordAccess(db, { personId, sessionId: session.id, resource: 'contributions', ...clientContext(req), at: clock.now() })
    return page
  })
}
export default routes
