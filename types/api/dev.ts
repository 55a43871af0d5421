// Dev-only contract: the SMS outbox (never served in production, loopback callers only).
import { Type, type Static } from 'typebox'

export const SmsOutboxQuery = Type.Object({
  phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
}, { additionalProperties: false })

export const SmsOutbox = Type.Object({
  items: Type.Array(Type.Object({
    phoneMasked: Type.String(),
    code: Type.String(),
    purpose: Type.String(),
    sentAt: Type.String({ format: 'date-time' }),
  })),
})
export type SmsOutbox = Static<typeof SmsOutbox>
