// Consent rows: one per acceptance of one version of one document, by a person or (before binding) a platform
// identity; withdrawing stamps withdrawn_at and keeps the row, so that what was agreed when stays on record.
import { and, desc, eq, isNull, or } from 'drizzle-orm'
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

/**
 * Which of `required` (a document with its current version) the person has accepted and not withdrawn: one statement on
 * the (person_id, document) index, since it runs before every account read and write.
 */
export function acceptedDocumentsQuery (db: Db, personId: number, required: readonly { document: ConsentDocumentName; version: string }[]) {
  return db.selectDistinct({ document: consents.document }).from(consents)
    .where(and(eq(consents.personId, personId), isNull(consents.withdrawnAt),
      or(...required.map((r) => and(eq(consents.document, r.document), eq(consents.version, r.version))))))
}

export async function acceptedDocuments (db: Db, personId: number, required: readonly { document: ConsentDocumentName; version: string }[]):
Promise<Set<ConsentDocumentName>> {
  return new Set((await acceptedDocumentsQuery(db, personId, required)).map((r) => r.document))
}
