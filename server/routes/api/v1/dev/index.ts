// Dev mode only (DEV_MODE=1), on the admin app only (server/admin.ts: loopback listener, X-Operator-Token): the SMS
// outbox (when the dev SMS provider runs) and the subscribe-message outbox (when the dev WeChat subscribe stand-in
// runs). Every SMS code is readable here, so the public listener never has these routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SmsOutbox, SmsOutboxQuery } from '../../../../../types/api/dev'
import { DevSubscribeOutbox } from '../../../../../types/api/claims'
import { recentDevSms, recentDevSubscribeMessages } from '../../../../db/repositories/dev-outboxes'
import { errorAnswers } from '../schemas'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, cipher, clock, sms, subscribe } = app.services
  if (sms.kind === 'dev') {
    app.get('/dev/sms-outbox', {
      schema: { tags: ['dev'], summary: '开发用短信发件箱（仅开发模式、仅管理端口）', querystring: SmsOutboxQuery, response: { 200: SmsOutbox, ...errorAnswers(403, 404, 429) } },
    }, async (req) => {
      const since = new Date(clock.now().getTime() - 3600_000)
      const rows = await recentDevSms(db, { since, phoneHash: req.query.phone ? cipher.lookupHash(req.query.phone) : undefined })
      return { items: rows.map((r) => ({ phoneMasked: r.phoneMasked, code: r.code, purpose: r.purpose, sentAt: r.sentAt.toISOString() })) }
    })
  }
  if (subscribe?.kind === 'dev') {
    app.get('/dev/subscribe-outbox', {
      schema: {
        tags: ['dev'], summary: '开发用微信订阅消息发件箱（仅开发模式、仅管理端口），最新的在前',
        querystring: Type.Object({ touser: Type.Optional(Type.String({ maxLength: 128 })) }),
        response: { 200: DevSubscribeOutbox, ...errorAnswers(403, 404, 429) },
      },
    }, async (req) => {
      const rows = await recentDevSubscribeMessages(db, req.query.touser)
      return { items: rows.map((r) => ({ touser: r.touser, templateId: r.templateId, page: r.page, data: r.data, sentAt: r.sentAt.toISOString() })) }
    })
  }
}
export default routes
