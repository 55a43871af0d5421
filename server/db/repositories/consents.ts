// Consent rows: one per acceptance of one version of one document, by a person or (before binding) a platform
// identity; withdrawing stamps withdrawn_at and keeps the row, so that what was agreed when stays on record.
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '..'
import { consents } from '../schema'
import type { ConsentDocumentName } from '../../../types/api/consent'

export type ConsentRow = typeof consents.$inferSelect

/** Whose consent: the person once the session is bound, else the platform identity that signed in. */
export type ConsentHolder = { personId: number } | { identityId: number }

const holderIs = (h: ConsentHolder) => 'personId' in h ? eq(consents.personId, h.personId) : eq(consents.identityId, h.identityId)

/** The holder's newest acceptance of `document` that has not been withdrawn (any version). */
export async function findActiveConsent (db: Db, holder: ConsentHolder, document: ConsentDocumentName): Promise<ConsentRow | undefined> {
  const [row] = await db.select().from(consents)
    .where(and(holderIs(holder), eq(consents.document, document), isNull(consents.withdrawnAt)))
    .orderBy(desc(consents.acceptedAt), desc(consents.id))
    .limit(1)
  return row
}

export async function insertConsent (db: Db, row: typeof consents.$inferInsert): Promise<ConsentRow> {
  const [created] = await db.insert(consents).values(row).returning()
  return created!
}

/** Withdraws every standing acceptance of `document` by the holder; the number of rows withdrawn. */
export async function withdrawConsents (db: Db, holder: ConsentHolder, document: ConsentDocumentName, now: Date): Promise<number> {
  const rows = await db.update(consents).set({ withdrawnAt: now })
    .where(and(holderIs(holder), eq(consents.document, document), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id })
  return rows.length
}
