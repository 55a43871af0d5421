// Hospital entries: what a poster's QR code opens (the institution and its claims desk, for anyone), what the verified
// person did there this year, and the operator's issuing and revoking of an institution's public entry code.
//
// An entry code is a public routing hint, not a secret: it names an institution, which is public anyway. So an unknown
// code and a revoked one get different answers (404 and 410, each with its own sentence), which tells the person at
// the desk whether to look for a newer poster; neither says which institution it was.
import type { InstitutionEntry, InstitutionMine, OperatorEntryRevoked } from '../../types/api/institutions'
import type { Clock } from './ports'
import type { Db } from '../db'
import {
  claimsAtQuery, findEntry, findInstitutionByCode, insertEntry, liveEntry, revokeLiveEntry, settlementsAtQuery,
  withInstitutionLocked, type InstitutionRow,
} from '../db/repositories/institutions'
import { chinaYearOf, ledgerSyncedAt } from './account'
import { newEntryCode } from './entry-codes'
import { AppError } from './errors'
import { regionName } from './regions'

export const INSTITUTION_KIND_NAMES: Readonly<Record<InstitutionRow['kind'], string>> = { hospital: '医院', pharmacy: '药店', clinic: '诊所' }

/** How many fresh random codes to try when one is already taken (2^40 codes: a second try is already rare). */
const ISSUE_TRIES = 5

export interface IssuedEntry {
  institution: InstitutionRow
  entryCode: string
  /** True when this call made the code. */
  issued: boolean
  revokedCode: string | null
}

export class InstitutionService {
  constructor (private readonly db: Db, private readonly clock: Clock, private readonly newCode: () => string = newEntryCode) {}

  /** The public face of an entry code; 404 entry_code_unknown, 410 entry_code_revoked. */
  async entry (entryCode: string): Promise<InstitutionEntry> {
    const inst = await this.live(entryCode)
    const desk = inst.deskPlace && inst.deskHours && inst.deskPhone ? { place: inst.deskPlace, hours: inst.deskHours, phone: inst.deskPhone } : null
    return {
      entryCode,
      institution: {
        code: inst.code, name: inst.name, kind: inst.kind, kindName: INSTITUTION_KIND_NAMES[inst.kind], level: inst.level,
        regionName: regionName(inst.regionCode) ?? `地区 ${inst.regionCode}`, address: inst.address ?? '', designated: inst.designated,
      },
      desk,
      bring: inst.claimMaterials,
    }
  }

  /**
   * The person's year at the institution behind a live entry code: settlements there this year (China calendar year of
   * the ledger's sync time, up to it, as 账户余额 counts) and claims for care there submitted this year.
   */
  async mine (personId: number, entryCode: string): Promise<InstitutionMine> {
    const inst = await this.live(entryCode)
    const asOf = await ledgerSyncedAt(this.db, this.clock)
    const { year, start, end } = chinaYearOf(asOf)
    const [[s], [c]] = await Promise.all([
      settlementsAtQuery(this.db, { personId, institutionId: inst.id, from: start, upTo: asOf }),
      claimsAtQuery(this.db, { personId, institutionId: inst.id, from: start, to: end }),
    ])
    const n = (v: string | undefined) => Number(v ?? 0)
    return {
      year,
      institutionCode: inst.code,
      spending: { count: n(s?.count), totalFen: n(s?.totalFen), accountFen: n(s?.accountFen), selfFen: n(s?.selfFen) },
      claims: { count: n(c?.count), openCount: n(c?.open), claimedFen: n(c?.claimedFen) },
      asOf: asOf.toISOString(),
    }
  }

  /**
   * The institution's live code: the current one, or (none yet, or `renew`) a new one, the old one revoked in the same
   * transaction under the institution's row lock, so that parallel calls take turns and one live code remains.
   */
  async issue (institutionCode: string, o: { renew?: boolean } = {}): Promise<IssuedEntry> {
    const institution = await this.institution(institutionCode)
    return withInstitutionLocked(this.db, institution.id, async (tx) => {
      const current = await liveEntry(tx, institution.id)
      if (current && !o.renew) return { institution, entryCode: current.code, issued: false, revokedCode: null }
      const now = this.clock.now()
      const revokedCode = (await revokeLiveEntry(tx, institution.id, now)) ?? null
      for (let i = 0; i < ISSUE_TRIES; i++) {
        const code = this.newCode()
        if (await insertEntry(tx, institution.id, code, now)) return { institution, entryCode: code, issued: true, revokedCode }
      }
      throw new Error(`no free entry code after ${ISSUE_TRIES} tries`)
    })
  }

  /** Revokes the institution's live code without making a new one (its posters stop working). */
  async revoke (institutionCode: string): Promise<OperatorEntryRevoked> {
    const institution = await this.institution(institutionCode)
    const revokedCode = await withInstitutionLocked(this.db, institution.id, (tx) => revokeLiveEntry(tx, institution.id, this.clock.now()))
    return { institution: { code: institution.code, name: institution.name }, revokedCode: revokedCode ?? null }
  }

  private async live (entryCode: string): Promise<InstitutionRow> {
    const found = await findEntry(this.db, entryCode)
    if (!found) throw new AppError('entry_code_unknown')
    if (found.entry.revokedAt) throw new AppError('entry_code_revoked')
    return found.institution
  }

  private async institution (code: string): Promise<InstitutionRow> {
    const row = await findInstitutionByCode(this.db, code)
    if (!row) throw new AppError('not_found', `没有编码为 ${code} 的医药机构，请核对机构编码`)
    return row
  }
}
