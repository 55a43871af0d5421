// Dev-only, for loopback callers, registered only outside production: the SMS outbox (when the dev SMS provider runs)
// and the subscribe-message outbox (when the dev WeChat subscribe stand-in runs).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { and, desc, eq, gt } from 'drizzle-orm'
import { SmsOutbox, SmsOutboxQuery } from '../../../../../types/api/dev'
import { DevSubscribeOutbox } from '../../../../../types/api/claims'
import { ErrorBody } from '../../../../../types/api/common'
import { devSmsOutbox, devSubscribeOutbox } from '../../../../db/schema'
import { AppError } from '../../../../domain/errors'

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** Only a caller on this machine; a request that came through a proxy (even a local one) is not that. */
function assertLocal (req: FastifyRequest): void {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined
  if (forwarded || !loopback.has(req.socket.remoteAddress ?? '')) throw new AppError(404, 'not_found')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock, sms, subscribe } = app.services
  if (sms.kind === 'dev') {
    app.get('/dev/sms-outbox', {
      schema: { tags: ['dev'], summary: '开发用短信发件箱（仅本机、仅非生产环境）', querystring: SmsOutboxQuery, response: { 200: SmsOutbox, 404: ErrorBody } },
    }, async (req) => {
      assertLocal(req)
      const since = new Date(clock.now().getTime() - 3600_000)
      const where = req.query.phone
        ? and(eq(devSmsOutbox.phoneHash, cipher.lookupHash(req.query.phone)), gt(devSmsOutbox.sentAt, since))
        : gt(devSmsOutbox.sentAt, since)
      const rows = await db.select().from(devSmsOutbox).where(where).orderBy(desc(devSmsOutbox.sentAt), desc(devSmsOutbox.id)).limit(50)
      return { items: rows.map((r) => ({ phoneMasked: r.phoneMasked, code: r.code, purpose: r.purpose, sentAt: r.sentAt.toISOString() })) }
    })
  }
  if (subscribe?.kind === 'dev') {
    app.get('/dev/subscribe-outbox', {
      schema: {
        tags: ['dev'], summary: '开发用微信订阅消息发件箱（仅本机、仅非生产环境），最新的在前',
        querystring: Type.Object({ touser: Type.Optional(Type.String({ maxLength: 128 })) }),
        response: { 200: DevSubscribeOutbox, 404: ErrorBody },
      },
    }, async (req) => {
      assertLocal(req)
      const rows = await db.select().from(devSubscribeOutbox)
        .where(req.query.touser ? eq(devSubscribeOutbox.touser, req.query.touser) : undefined)
        .orderBy(desc(devSubscribeOutbox.id)).limit(50)
      return { items: rows.map((r) => ({ touser: r.touser, templateId: r.templateId, page: r.page, data: r.data, sentAt: r.sentAt.toISOString() })) }
    })
  }
}
export default routes
