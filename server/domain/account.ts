// The account summary: who, which insurance, where, and the balance as the sum of the ledger up to the sync time.
import type { AccountSummary, InsuranceType } from '../../types/api/account'
import type { Db } from '../db'
import { findPersonById } from '../db/repositories/persons'
import { balanceFen } from '../db/repositories/ledger'
import { getMeta } from '../db/repositories/meta'
import type { Clock } from '../adapters/types'
import { AppError } from './errors'
import { maskName } from './mask'
import { regionName } from './regions'

const insuranceTypeNames: Record<InsuranceType, string> = {
  employee: '职工医保（在职）',
  retiree: '职工医保（退休）',
  resident: '城乡居民医保',
}

/** When the ledger was last brought up to date from the core system; records after it have not arrived yet. */
export async function ledgerSyncedAt (db: Db, clock: Clock): Promise<Date> {
  const raw = await getMeta(db, 'ledger_synced_at')
  const t = raw ? new Date(raw) : undefined
  return t && !Number.isNaN(t.getTime()) ? t : clock.now()
}

export async function accountSummary (db: Db, clock: Clock, personId: number): Promise<AccountSummary> {
  const person = await findPersonById(db, personId)
  if (!person) throw new AppError(404, 'not_found', '没有找到您的参保信息，请联系参保地医保经办机构')
  const asOf = await ledgerSyncedAt(db, clock)
  const hasPersonalAccount = person.insuranceType !== 'resident'
  return {
    maskedName: maskName(person.name),
    insuranceType: person.insuranceType,
    insuranceTypeName: insuranceTypeNames[person.insuranceType],
    region: { code: person.regionCode, name: regionName(person.regionCode) ?? `参保地 ${person.regionCode}` },
    hasPersonalAccount,
    balanceFen: hasPersonalAccount ? await balanceFen(db, person.id, asOf) : 0,
    asOf: asOf.toISOString(),
  }
}
