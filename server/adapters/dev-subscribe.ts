// The dev stand-in for WeChat subscribe messages (DEV_MODE=1 only): keeps each message in dev_subscribe_outbox, which
// GET /api/v1/dev/subscribe-outbox reads (loopback only). The table, not process memory, so that several server
// processes share it. Never used in production: createAdapters uses the real client whenever WeChat credentials are
// set, and production refuses to start without them.
import type { Db } from '../db'
import { devSubscribeOutbox } from '../db/schema'
import type { SubscribeMessage, SubscribeOutcome, SubscribeSender } from '../domain/ports'

export class DevSubscribeSender implements SubscribeSender {
  readonly kind = 'dev' as const

  constructor (private readonly db: Db) {}

  async send (msg: SubscribeMessage): Promise<SubscribeOutcome> {
    await this.db.insert(devSubscribeOutbox).values({ touser: msg.touser, templateId: msg.templateId, page: msg.page, data: msg.data })
    return { outcome: 'sent' }
  }
}
