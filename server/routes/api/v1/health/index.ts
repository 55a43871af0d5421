// GET /api/v1/health: liveness plus a database round trip.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import { Health } from '../../../../../types/api/common'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['system'], summary: '健康检查', response: { 200: Health } } }, async () => {
    await app.services.db.execute(sql`select 1`)
    return { status: 'ok' as const }
  })
}
export default routes
