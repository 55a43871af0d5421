// Consent rules: whose consent a session speaks for (the person once bound, else the platform identity), which
// version counts (only the current one), recording it once per version, withdrawal, and what account data needs.
import { sql } from 'drizzle-orm'
import type { Db } from '../db'
import type { Clock } from './ports'
import {
  acceptedDocuments, findActiveConsent, insertConsent, withdrawConsents, type ConsentHolder,
} from '../db/repositories/consents'
import { revokeLiveGrants } from '../db/repositories/shares'
import type { ConsentBody, ConsentDocumentName, ConsentStatus } from '../../types/api/consent'
import { consentDocuments, currentDocument } from './consent-documents'
import { AppError } from './errors'
import type { SessionContext } from './sessions'

/**
 * What processing a person's account data needs, in the order the app asks for it: the privacy policy (its own text
 * makes it the precondition of everything, and 不同意 closes login) and then the separate consent to sensitive
 * information (PIPL art. 29). Both in their current versions: an acceptance counts only for the text that was shown.
 */
const ACCOUNT_DOCUMENTS: readonly ConsentDocumentName[] = ['privacy', 'sensitive']

/** consent_required's own sentence names the sensitive-information consent; this one the privacy policy. */
const PRIVACY_MISSING = '需要您同意《隐私政策》后才能查看医保账户信息，请在弹出的说明中阅读并同意'

/** The documents account data needs, each with the version in force. */
export function accountConsentRequirements (): { document: ConsentDocumentName; version: string }[] {
  return ACCOUNT_DOCUMENTS.map((d) => ({ document: d, version: currentDocument(d).version }))
}

/** The first document the person has still to accept before their account data is processed, or null when none. */
export async function missingAccountConsent (db: Db, personId: number): Promise<ConsentDocumentName | null> {
  const accepted = await acceptedDocuments(db, personId, accountConsentRequirements())
  return ACCOUNT_DOCUMENTS.find((d) => !accepted.has(d)) ?? null
}

/** 403 consent_required, saying which text to read, unless the person's standing consents allow their account data. */
export async function requireAccountConsent (db: Db, personId: number): Promise<void> {
  const missing = await missingAccountConsent(db, personId)
  if (missing !== null) throw new AppError('consent_required', missing === 'privacy' ? PRIVACY_MISSING : undefined)
}

/** Reads are keyed by the person when the session is bound, by the platform identity otherwise. */
export function holderOf (s: SessionContext): ConsentHolder {
  if (s.personId !== null) return { personId: s.personId }
  if (s.identityId !== null) return { identityId: s.identityId }
  // Every session is issued with one or the other; a row without either would belong to nobody.
  throw new AppError('forbidden')
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
    if (body.version !== current.version) throw new AppError('consent_outdated')
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

  /**
   * Withdraws the holder's consent to `document` (every version); withdrawing what was never given is no error. A
   * person's family links end with it, for good: processing stops now, and consenting again later is not a decision to
   * show a claim to the people it was once shared with.
   */
  async withdraw (s: SessionContext, document: ConsentDocumentName): Promise<ConsentStatus> {
    const holder = holderOf(s)
    const now = this.clock.now()
    await this.db.transaction(async (tx) => {
      await withdrawConsents(tx, holder, document, now)
      if ('personId' in holder) await revokeLiveGrants(tx, holder.personId, now)
    })
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
