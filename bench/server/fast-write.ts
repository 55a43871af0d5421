// A faster writer for the bench data set: the same rows server/demo/seed.ts (replaceData) writes from the same
// DemoData — same tables, columns, values, links, anomaly flags and meta facts — but in a few large statements
// instead of thousands of 1,000-row INSERTs: each chunk of rows goes as one array literal per column through
// `INSERT … SELECT … FROM unnest(…)`, with ids assigned here (OVERRIDING SYSTEM VALUE, sequences set after).
// For ~1M settlements (about 4.4M rows in all) on a busy 2-core VM, writeDemoData took ~10 min on PGlite and ~16 min on
// PostgreSQL 15; run.ts prints this path's time. An ad-hoc comparison of both writers on an 8,000-settlement data
// set found every table's rows identical (by natural keys, ids aside) and each identity sequence just past its max.
//
// One difference on purpose: settlements and ledger entries are written in time order across all persons (ids
// rising with time, as rows arriving from the core system would be), not person by person, so one person's rows
// are spread over the table as in a live database rather than packed together.
// Everything happens in one transaction, under the seeder's advisory lock, after the same TRUNCATE.
import { sql } from 'drizzle-orm'
import type { Db } from '../../server/db'
import type { DemoData } from '../../server/demo/generator'
import { chinaDateString } from '../../server/demo/generator'
import { flagSettlements } from '../../server/domain/anomalies'
import { hashPassword, type DataCipher } from '../../server/domain/secrets'

/** What seed.ts truncates (its DATA_TABLES), in one statement with CASCADE. */
const DATA_TABLES = ['claim_events', 'claims', 'ledger_entries', 'settlement_items', 'settlements', 'contributions',
  'sessions', 'sms_codes', 'dev_sms_outbox', 'platform_identities', 'persons', 'institutions', 'password_attempts']
/** seed.ts's SEED_LOCK_ID: a seeder in a starting server waits for this transaction. */
const SEED_LOCK_ID = 4_712_393_002
const CHUNK = 20_000

type Cell = string | number | boolean | null
type PgType = 'bigint' | 'int' | 'text' | 'timestamptz' | 'boolean' | 'jsonb'
type Column = [name: string, type: PgType]

/** One element of a PostgreSQL array literal: NULL, or a double-quoted string with \ and " escaped. */
function element (v: Cell): string {
  if (v === null) return 'NULL'
  const s = String(v)
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

async function insertRows (db: Db, table: string, columns: Column[], rows: Cell[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK)
    const arrays = columns.map((_, c) => `{${part.map((r) => element(r[c]!)).join(',')}}`)
    const names = columns.map(([n]) => n)
    const alias = columns.map((_, i) => `c${i}`)
    // Every column travels as text[] (both drivers pass a string parameter as is) and is cast in the SELECT.
    const unnest = sql.join(arrays.map((a) => sql`${a}::text[]`), sql`, `)
    const select = columns.map(([, t], i) => (t === 'text' ? `c${i}` : `c${i}::${t}`)).join(', ')
    await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names.join(', '))}) overriding system value
      select ${sql.raw(select)} from unnest(${unnest}) as t(${sql.raw(alias.join(', '))})`)
  }
}

const iso = (d: Date) => d.toISOString()

export async function fastWriteData (db: Db, data: DemoData, cipher: DataCipher): Promise<void> {
  // The slow part (scrypt) before the transaction, one hash per distinct password, as seed.ts does.
  const hashes = new Map<string, string>()
  for (const p of data.persons) {
    const pw = p.facts.queryPassword
    if (!hashes.has(pw)) hashes.set(pw, await hashPassword(pw))
  }
  const createdAt = iso(data.asOf)

  const institutionId = new Map(data.institutions.map((inst, i) => [inst.code, i + 1]))
  const instOf = (code: string) => {
    const id = institutionId.get(code)
    if (id === undefined) throw new Error(`demo data names an unknown institution ${code}`)
    return id
  }
  const institutionByCode = new Map(data.institutions.map((i) => [i.code, i]))

  const personRows: Cell[][] = []
  const identityRows: Cell[][] = []
  const contributionRows: Cell[][] = []
  const contributionId = new Map<string, number>()
  interface S { personId: number; s: DemoData['persons'][number]['settlements'][number]; flags: string }
  const allSettlements: S[] = []
  interface L { personId: number; e: DemoData['persons'][number]['ledger'][number] }
  const allLedger: L[] = []
  const claimRows: Cell[][] = []
  const eventRows: Cell[][] = []
  let identityId = 0; let claimId = 0; let eventId = 0

  data.persons.forEach((p, i) => {
    const personId = i + 1
    const f = p.facts
    personRows.push([personId, f.name, cipher.encrypt(f.idNumber), cipher.lookupHash(f.idNumber), cipher.encrypt(f.phone),
      cipher.lookupHash(f.phone), hashes.get(f.queryPassword)!, f.cardNumber, f.insuranceType, f.regionCode, 'active', createdAt])
    identityRows.push([++identityId, 'wechat', f.wechatSubject, personId, createdAt, createdAt])
    identityRows.push([++identityId, 'alipay', f.alipaySubject, personId, createdAt, createdAt])
    for (const c of p.contributions) {
      const id = contributionRows.length + 1
      contributionId.set(c.key, id)
      contributionRows.push([id, personId, c.period, c.baseFen, c.employerFen, c.personalFen, c.creditedFen, c.payingUnit, c.latePaid, iso(c.paidAt)])
    }
    const flags = flagSettlements(f.regionCode, p.settlements.map((s) => {
      const institution = institutionByCode.get(s.institutionCode)
      if (!institution) throw new Error(`demo data names an unknown institution ${s.institutionCode}`)
      return { settledAt: s.settledAt, totalFen: s.totalFen, visitType: s.visitType, institution }
    }))
    p.settlements.forEach((s, k) => allSettlements.push({ personId, s, flags: JSON.stringify(flags[k]!) }))
    for (const e of p.ledger) allLedger.push({ personId, e })
    for (const c of p.claims) {
      const id = ++claimId
      claimRows.push([id, personId, c.claimNo, c.institutionCode ? instOf(c.institutionCode) : null, c.title, c.stage, c.claimedFen,
        c.approvedFen, JSON.stringify(c.missingMaterials), iso(c.submittedAt), iso(c.updatedAt),
        c.payout?.bankName ?? null, c.payout ? cipher.encrypt(c.payout.cardNumber) : null])
      for (const e of c.events) eventRows.push([++eventId, id, e.stage, iso(e.occurredAt), e.note])
    }
  })

  // Time order across persons; ties keep the generator's order (Array.prototype.sort is stable).
  allSettlements.sort((a, b) => a.s.settledAt.getTime() - b.s.settledAt.getTime())
  const settlementId = new Map<string, number>()
  const settlementRows: Cell[][] = []
  const itemRows: Cell[][] = []
  allSettlements.forEach(({ personId, s, flags }, i) => {
    const id = i + 1
    settlementId.set(s.key, id)
    settlementRows.push([id, personId, instOf(s.institutionCode), s.visitType, iso(s.settledAt), s.totalFen, s.fundFen, s.accountFen,
      s.mutualAidFen, s.selfFen, s.beneficiaryName, s.beneficiaryRelation, flags])
    for (const it of s.items) itemRows.push([itemRows.length + 1, id, it.name, it.category, it.quantity, it.amountFen, it.fundCoveredFen])
  })
  allLedger.sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime())
  const ledgerRows: Cell[][] = allLedger.map(({ personId, e }, i) => [i + 1, personId, e.kind, e.amountFen, iso(e.occurredAt), iso(e.postedAt),
    e.contributionKey ? contributionId.get(e.contributionKey)! : null, e.settlementKey ? settlementId.get(e.settlementKey)! : null,
    e.counterpartyName, e.note])

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_ID})`)
    await tx.execute(sql.raw(`truncate table ${DATA_TABLES.join(', ')} restart identity cascade`))
    await insertRows(tx, 'institutions', [['id', 'bigint'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['level', 'text'], ['region_code', 'text']],
      data.institutions.map((x, i) => [i + 1, x.code, x.name, x.kind, x.level, x.regionCode]))
    await insertRows(tx, 'persons', [['id', 'bigint'], ['name', 'text'], ['id_number_enc', 'text'], ['id_number_hash', 'text'], ['phone_enc', 'text'],
      ['phone_hash', 'text'], ['query_password_hash', 'text'], ['card_number', 'text'], ['insurance_type', 'text'], ['region_code', 'text'],
      ['status', 'text'], ['created_at', 'timestamptz']], personRows)
    await insertRows(tx, 'platform_identities', [['id', 'bigint'], ['platform', 'text'], ['subject', 'text'], ['person_id', 'bigint'],
      ['created_at', 'timestamptz'], ['last_login_at', 'timestamptz']], identityRows)
    await insertRows(tx, 'contributions', [['id', 'bigint'], ['person_id', 'bigint'], ['period', 'text'], ['base_fen', 'bigint'], ['employer_fen', 'bigint'],
      ['personal_fen', 'bigint'], ['credited_fen', 'bigint'], ['paying_unit', 'text'], ['late_paid', 'boolean'], ['paid_at', 'timestamptz']], contributionRows)
    await insertRows(tx, 'settlements', [['id', 'bigint'], ['person_id', 'bigint'], ['institution_id', 'bigint'], ['visit_type', 'text'],
      ['settled_at', 'timestamptz'], ['total_fen', 'bigint'], ['fund_fen', 'bigint'], ['account_fen', 'bigint'], ['mutual_aid_fen', 'bigint'],
      ['self_fen', 'bigint'], ['beneficiary_name', 'text'], ['beneficiary_relation', 'text'], ['anomalies', 'jsonb']], settlementRows)
    await insertRows(tx, 'settlement_items', [['id', 'bigint'], ['settlement_id', 'bigint'], ['name', 'text'], ['category', 'text'], ['quantity', 'int'],
      ['amount_fen', 'bigint'], ['fund_covered_fen', 'bigint']], itemRows)
    await insertRows(tx, 'ledger_entries', [['id', 'bigint'], ['person_id', 'bigint'], ['kind', 'text'], ['amount_fen', 'bigint'],
      ['occurred_at', 'timestamptz'], ['posted_at', 'timestamptz'], ['contribution_id', 'bigint'], ['settlement_id', 'bigint'],
      ['counterparty_name', 'text'], ['note', 'text']], ledgerRows)
    await insertRows(tx, 'claims', [['id', 'bigint'], ['person_id', 'bigint'], ['claim_no', 'text'], ['institution_id', 'bigint'], ['title', 'text'],
      ['stage', 'text'], ['claimed_fen', 'bigint'], ['approved_fen', 'bigint'], ['missing_materials', 'jsonb'], ['submitted_at', 'timestamptz'],
      ['updated_at', 'timestamptz'], ['payout_bank', 'text'], ['payout_card_enc', 'text']], claimRows)
    await insertRows(tx, 'claim_events', [['id', 'bigint'], ['claim_id', 'bigint'], ['stage', 'text'], ['occurred_at', 'timestamptz'], ['note', 'text']], eventRows)
    // The identity sequences continue after the ids written here, as if the rows had been inserted normally.
    for (const t of ['institutions', 'persons', 'platform_identities', 'contributions', 'settlements', 'settlement_items', 'ledger_entries', 'claims', 'claim_events']) {
      await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`))
    }
    const facts: [string, string][] = [
      ['demo_version', String(data.version)],
      ['demo_as_of', chinaDateString(data.asOf)],
      ['ledger_synced_at', data.asOf.toISOString()],
    ]
    for (const [key, value] of facts) {
      await tx.execute(sql`insert into meta (key, value) values (${key}, ${value}) on conflict (key) do update set value = excluded.value`)
    }
  })
}
