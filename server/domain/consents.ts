// Consent rules: whose consent a session speaks for (the person once bound, else the platform identity), which
// version counts (only the current one), recording it once per version, and withdrawal.
import { sql } from 'drizzle-orm'
import type { Db } from '../db'
import type { Clock } from '../adapters/types'
import { findActiveConsent, insertConsent, withdrawConsents, type ConsentHolder } from '../db/repositories/consents'
import type { ConsentBody, ConsentDocumentName, ConsentStatus } from '../../types/api/consent'
import { consentDocuments, currentDocument } from './consent-documents'
import { AppError } from './errors'
import type { SessionContext } from './sessions'

/** Reads are keyed by the person when the session is bound, by the platform identity otherwise. */
export function holderOf (s: SessionContext): ConsentHolder {
  if (s.personId !== null) return { personId: s.personId }
  if (s.identityId !== null) return { identityId: s.identityId }
  // Every session is issued with one or the other; a row without either would belong to nobody.
  throw new AppError(403, 'forbidden')
}

export class ConsentService {
  constructor (private readonly db: Db, private readonly clock: Clock) {}

  /** Each document's current version and whether this session's holder accepted that version. */
  async statusOf (s: SessionContext): Promise<ConsentStatus[]> {
    const holder = holderOf(s)
    return Promise.all(consentDocuments.map((d) => this.statusFor(this.db, holder, d.document)))
  }

  /** Records an acceptance of the current version; accepting it again changes nothing (the first time stands). */
  async accept (s: SessionContext, body: ConsentBody): Promise<ConsentStatus> {
    const current = currentDocument(body.document)
    if (body.version !== current.version) throw new AppError(409, 'consent_outdated')
    const holder = holderOf(s)
    return this.db.transaction(async (tx) => {
      // One holder's two taps arriving together record one row.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${JSON.stringify(holder)}:${body.document}`}))`)
      const standing = await findActiveConsent(tx, holder, body.document)
      if (standing?.version === current.version) return this.toStatus(body.document, standing.acceptedAt)
      const row = await insertConsent(tx, {
        personId: s.personId, identityId: s.identityId, document: body.document, version: current.version,
        channel: body.channel, acceptedAt: this.clock.now(),
      })
      return this.toStatus(body.document, row.acceptedAt)
    })
  }

  /** Withdraws the holder's consent to `document` (every version); withdrawing what was never given is no error. */
  async withdraw (s: SessionContext, document: ConsentDocumentName): Promise<ConsentStatus> {
    await withdrawConsents(this.db, holderOf(s), document, this.clock.now())
    return this.toStatus(document, null)
  }

  private async statusFor (db: Db, holder: ConsentHolder, document: ConsentDocumentName): Promise<ConsentStatus> {
    const standing = await findActiveConsent(db, holder, document)
    const current = currentDocument(document)
    return this.toStatus(document, standing?.version === current.version ? standing.acceptedAt : null)
  }

  private toStatus (document: ConsentDocumentName, acceptedAt: Date | null): ConsentStatus {
    const { version, title } = currentDocument(document)
    return { document, version, title, acceptedAt: acceptedAt?.toISOString() ?? null }
  }
}
