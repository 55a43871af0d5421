// The dev stand-ins' outboxes (dev mode only), as the admin app's dev routes read them: newest first, 50 at most.
import { and, desc, eq, gt } from 'drizzle-orm'
import type { Db } from '..'
import { devSmsOutbox, devSubscribeOutbox } from '../schema'

/** SMS sent since `since`, to one phone (by its lookup hash) or to anyone. */
export function recentDevSms (db: Db, o: { since: Date; phoneHash?: string }) {
  const where = o.phoneHash ? and(eq(devSmsOutbox.phoneHash, o.phoneHash), gt(devSmsOutbox.sentAt, o.since)) : gt(devSmsOutbox.sentAt, o.since)
  return db.select().from(devSmsOutbox).where(where).orderBy(desc(devSmsOutbox.sentAt), desc(devSmsOutbox.id)).limit(50)
}

/** Subscribe messages, to one openid or to anyone. */
export function recentDevSubscribeMessages (db: Db, touser?: string) {
  return db.select().from(devSubscribeOutbox).where(touser ? eq(devSubscribeOutbox.touser, touser) : undefined)
    .orderBy(desc(devSubscribeOutbox.id)).limit(50)
}
