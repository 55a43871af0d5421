// Dev-only: the SMS outbox, for loopback callers, registered only when the dev SMS provider runs (never in production).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, desc, eq, gt } from 'drizzle-orm'
import { SmsOutbox, SmsOutboxQuery } from '../../../../../types/api/dev'
import { ErrorBody } from '../../../../../types/api/common'
import { devSmsOutbox } from '../../../../db/schema'
import { AppError } from '../../../../domain/errors'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock } = app.services
  app.get('/dev/sms-outbox', {
    schema: { tags: ['dev'], summary: '开发用短信发件箱（仅本机、仅非生产环境）', querystring: SmsOutboxQuery, response: { 200: SmsOutbox, 404: ErrorBody } },
  }, async (req) => {
    // Only a caller on this machine; a request that came through a proxy (even a local one) is not that.
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined
    if (forwarded || !loopback.has(req.socket.remoteAddress ?? '')) throw new AppError(404, 'not_found')
    const since = new Date(clock.now().getTime() - 3600_000)
    const where = req.query.phone
      ? and(eq(devSmsOutbox.phoneHash, cipher.lookupHash(req.query.phone)), gt(devSmsOutbox.sentAt, since))
      : gt(devSmsOutbox.sentAt, since)
    const rows = await db.select().from(devSmsOutbox).where(where).orderBy(desc(devSmsOutbox.sentAt), desc(devSmsOutbox.id)).limit(50)
    return { items: rows.map((r) => ({ phoneMasked: r.phoneMasked, code: r.code, purpose: r.purpose, sentAt: r.sentAt.toISOString() })) }
  })
}
export default routes
