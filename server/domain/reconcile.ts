// Reconciliation: the balance the app shows must equal what the postings' own documents say. For every person it
// compares the shown balance (the same `balanceFen` the account summary uses: the ledger posted up to the sync time;
// 0 for residents, who have no personal account) with a recomputation that does not trust the ledger's amounts
// where a source document exists:
//   + each contribution's credited part (once, whatever the ledger says about it)
//   − each settlement's account-paid and mutual-aid parts (once)
//   + ledger rows with no source document (retiree allocations, interest and other adjustments, premiums paid for a
//     relative), as posted
// A document counts once it is posted (any of its ledger rows posted by the sync time), or when it has no ledger row
// at all although it moved money (a missing posting is a disagreement, not a record in flight).
import { asc, gt, sql } from 'drizzle-orm'
import type { Clock } from './ports'
import type { Db } from '../db'
import { balanceFen } from '../db/repositories/ledger'
import { rowsOf } from '../db/rows'
import { persons } from '../db/schema'
import { ledgerSyncedAt } from './account'
import { maskName } from './mask'

export interface Disagreement {
  personId: number
  maskedName: string
  insuranceType: string
  /** What the app shows (首页 / 账户余额). */
  shownFen: number
  /** What the postings' documents add up to. */
  recomputedFen: number
}

export interface ReconcileReport {
  asOf: Date
  checked: number
  disagreements: Disagreement[]
}

export interface ReconcileOptions {
  /** Persons per batch (one recomputation query per batch). */
  batchSize?: number
  /** Told about each disagreement as soon as it is found (the operator command prints them as they come). */
  onDisagreement?: (d: Disagreement) => void
}

export async function reconcile (db: Db, clock: Clock, o: ReconcileOptions = {}): Promise<ReconcileReport> {
  const asOf = await ledgerSyncedAt(db, clock)
  const batchSize = o.batchSize ?? 500
  const disagreements: Disagreement[] = []
  let checked = 0
  let after = 0
  for (;;) {
    const batch = await db.select({ id: persons.id, name: persons.name, insuranceType: persons.insuranceType })
      .from(persons).where(gt(persons.id, after)).orderBy(asc(persons.id)).limit(batchSize)
    if (batch.length === 0) break
    const lo = batch[0]!.id
    const hi = batch[batch.length - 1]!.id
    after = hi
    const recomputed = await recomputeBalances(db, lo, hi, asOf)
    for (const p of batch) {
      checked++
      const shownFen = p.insuranceType === 'resident' ? 0 : await balanceFen(db, p.id, asOf)
      const recomputedFen = recomputed.get(p.id) ?? 0
      if (shownFen !== recomputedFen) {
        const d = { personId: p.id, maskedName: maskName(p.name), insuranceType: p.insuranceType, shownFen, recomputedFen }
        disagreements.push(d)
        o.onDisagreement?.(d)
      }
    }
    if (batch.length < batchSize) break
  }
  return { asOf, checked, disagreements }
}

/** The recomputed balance of every person with an id in [lo, hi], from the documents behind the postings. */
async function recomputeBalances (db: Db, lo: number, hi: number, asOf: Date): Promise<Map<number, number>> {
  const at = sql`${asOf.toISOString()}::timestamptz`
  const res = await db.execute(sql`
    with postings as (
      select contribution_id, settlement_id, bool_or(posted_at <= ${at}) as posted
      from ledger_entries
      where person_id between ${lo} and ${hi} and (contribution_id is not null or settlement_id is not null)
      group by contribution_id, settlement_id
    ), contribution_state as (
      select contribution_id, bool_or(posted) as posted from postings where contribution_id is not null group by contribution_id
    ), settlement_state as (
      select settlement_id, bool_or(posted) as posted from postings where settlement_id is not null group by settlement_id
    ), parts as (
      select c.person_id, c.credited_fen as fen
      from contributions c left join contribution_state s on s.contribution_id = c.id
      where c.person_id between ${lo} and ${hi} and c.credited_fen <> 0 and coalesce(s.posted, true)
      union all
      select st.person_id, -(st.account_fen + st.mutual_aid_fen)
      from settlements st left join settlement_state s on s.settlement_id = st.id
      where st.person_id between ${lo} and ${hi} and st.account_fen + st.mutual_aid_fen <> 0 and coalesce(s.posted, true)
      union all
      select l.person_id, l.amount_fen
      from ledger_entries l
      where l.person_id between ${lo} and ${hi} and l.contribution_id is null and l.settlement_id is null and l.posted_at <= ${at}
    )
    select person_id, sum(fen)::text as total from parts group by person_id`)
  return new Map(rowsOf<{ person_id: number | string; total: string }>(res).map((r) => [Number(r.person_id), Number(r.total)]))
}
