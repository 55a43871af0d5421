// Independent checks of generated demo data: each returns the list of broken rules (empty = fine), so property
// tests can report what failed and mutation tests can show that a broken data set is caught.
import type { ClaimStage, DemoData, DemoLedgerEntry, DemoPersonData } from '../../../server/demo/generator'
import { isValidIdNumber } from '../../../server/domain/gb11643'
import { isAssignedAddressCode, regionName } from '../../../server/domain/regions'

const DAY = 86_400_000
/** China wall-clock hour of an instant (fixed +08:00: no DST in China). */
export const chinaHour = (t: Date) => new Date(t.getTime() + 8 * 3600_000).getUTCHours()

/** The stage moves a bureau can make; written here independently of the generator's own table. */
const NEXT: Record<ClaimStage, ClaimStage[]> = {
  submitted: ['first_review'],
  first_review: ['second_review', 'rejected', 'materials_needed'],
  second_review: ['approved', 'rejected'],
  approved: ['paid'],
  paid: [],
  rejected: [],
  materials_needed: ['first_review'],
}

function delayOk (occurred: Date, posted: Date, asOf: Date): boolean {
  const d = posted.getTime() - occurred.getTime()
  return d >= DAY && d <= 3 * DAY && posted.getTime() <= asOf.getTime()
}

/** Running balance in a given order; debits before credits at equal times (the pessimistic order). */
export function lowestRunningBalance (entries: DemoLedgerEntry[], by: 'occurredAt' | 'postedAt'): number {
  const sorted = [...entries].sort((a, b) => a[by].getTime() - b[by].getTime() || a.amountFen - b.amountFen)
  let run = 0
  let low = 0
  for (const e of sorted) { run += e.amountFen; low = Math.min(low, run) }
  return low
}

export function personProblems (p: DemoPersonData, asOf: Date): string[] {
  const out: string[] = []
  const who = `person ${p.facts.n}`
  const f = p.facts
  const type = f.insuranceType

  if (!isValidIdNumber(f.idNumber)) out.push(`${who}: invalid ID number ${f.idNumber}`)
  if (isAssignedAddressCode(f.idNumber.slice(0, 6))) out.push(`${who}: ID address code ${f.idNumber.slice(0, 6)} is a real region`)
  if (!/^1[3-9][0-9]{9}$/.test(f.phone)) out.push(`${who}: phone ${f.phone}`)
  if (!/^[0-9]{6}$/.test(f.queryPassword)) out.push(`${who}: query password`)
  if (!isAssignedAddressCode(f.regionCode)) out.push(`${who}: region ${f.regionCode} not in GB/T 2260`)

  // Ledger: sums, signs, links, timing, never negative.
  const sum = p.ledger.reduce((s, e) => s + e.amountFen, 0)
  if (sum !== p.balanceFen) out.push(`${who}: balance ${p.balanceFen} != ledger sum ${sum}`)
  for (const by of ['occurredAt', 'postedAt'] as const) {
    const low = lowestRunningBalance(p.ledger, by)
    if (low < 0) out.push(`${who}: balance goes negative (${low}) in ${by} order`)
  }
  for (const e of p.ledger) {
    if (!Number.isInteger(e.amountFen) || e.amountFen === 0) out.push(`${who}: ledger amount ${e.amountFen}`)
    if (!delayOk(e.occurredAt, e.postedAt, asOf)) out.push(`${who}: ledger ${e.kind} posted ${e.postedAt.toISOString()} for ${e.occurredAt.toISOString()}`)
    if (e.kind === 'contribution' && (e.amountFen <= 0 || !e.contributionKey)) out.push(`${who}: bad contribution entry`)
    if (e.kind === 'retiree_allocation' && (e.amountFen <= 0 || type !== 'retiree')) out.push(`${who}: bad retiree allocation`)
    if (e.kind === 'consumption' && (e.amountFen >= 0 || !e.settlementKey)) out.push(`${who}: bad consumption entry`)
    if (e.kind === 'mutual_aid' && (e.amountFen >= 0 || !e.counterpartyName)) out.push(`${who}: bad mutual-aid entry`)
  }

  // Contributions by insurance type.
  const byKey = new Map(p.contributions.map((c) => [c.key, c]))
  for (const c of p.contributions) {
    if (!delayOk(c.paidAt, c.postedAt, asOf)) out.push(`${who}: contribution ${c.period} timing`)
    const credits = p.ledger.filter((e) => e.contributionKey === c.key)
    if (type === 'employee') {
      if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(c.period)) out.push(`${who}: monthly period ${c.period}`)
      if (c.personalFen !== Math.round(c.baseFen * 0.02)) out.push(`${who}: ${c.period} personal part is not 2% of base`)
      if (c.creditedFen !== c.personalFen) out.push(`${who}: ${c.period} credited ${c.creditedFen} != personal ${c.personalFen}`)
      const rate = c.employerFen / c.baseFen
      if (!(rate >= 0.06 && rate <= 0.1)) out.push(`${who}: ${c.period} employer rate ${rate}`)
      if (credits.length !== 1 || credits[0]!.amountFen !== c.creditedFen) out.push(`${who}: ${c.period} is not credited exactly once with the credited part`)
    } else if (type === 'resident') {
      if (!/^[0-9]{4}$/.test(c.period)) out.push(`${who}: yearly period ${c.period}`)
      if (c.creditedFen !== 0 || c.employerFen !== 0 || c.personalFen <= 0 || credits.length) out.push(`${who}: resident payment ${c.period}`)
    } else {
      out.push(`${who}: a retiree has a contribution row`)
    }
  }
  for (const e of p.ledger) if (e.contributionKey && !byKey.has(e.contributionKey)) out.push(`${who}: entry names a missing contribution`)
  if (type === 'resident' && p.ledger.length) out.push(`${who}: a resident has ledger entries`)
  const creditedSum = p.contributions.reduce((s, c) => s + c.creditedFen, 0)
  const contributionEntries = p.ledger.filter((e) => e.kind === 'contribution').reduce((s, e) => s + e.amountFen, 0)
  if (creditedSum !== contributionEntries) out.push(`${who}: contribution credits ${contributionEntries} != credited parts ${creditedSum}`)

  // Settlements: splits add up, items add up, links to the ledger agree.
  const keys = new Set<string>()
  for (const s of p.settlements) {
    keys.add(s.key)
    const parts = [s.fundFen, s.accountFen, s.mutualAidFen, s.selfFen]
    if (parts.some((x) => !Number.isInteger(x) || x < 0)) out.push(`${who}: negative or fractional split in ${s.key}`)
    if (s.totalFen !== parts.reduce((a, b) => a + b, 0)) out.push(`${who}: ${s.key} split does not add up`)
    if (s.items.length === 0) out.push(`${who}: ${s.key} has no items`)
    if (s.totalFen !== s.items.reduce((a, i) => a + i.amountFen, 0)) out.push(`${who}: ${s.key} items do not add up to the total`)
    if (s.fundFen !== s.items.reduce((a, i) => a + i.fundCoveredFen, 0)) out.push(`${who}: ${s.key} fund part != items' fund-covered parts`)
    if (s.items.some((i) => i.fundCoveredFen > i.amountFen || (i.category === 'C' && i.fundCoveredFen > 0))) out.push(`${who}: ${s.key} item coverage`)
    if (!delayOk(s.settledAt, s.postedAt, asOf)) out.push(`${who}: ${s.key} posted outside 1–3 days or after asOf`)
    if (type === 'resident' && (s.accountFen || s.mutualAidFen)) out.push(`${who}: resident paid from an account`)
    if (s.mutualAidFen > 0 && s.beneficiaryName === null) out.push(`${who}: ${s.key} mutual aid without a beneficiary`)
    if (s.beneficiaryName !== null && s.accountFen > 0) out.push(`${who}: ${s.key} relative's bill paid as own consumption`)
    const linked = p.ledger.filter((e) => e.settlementKey === s.key)
    const want = (s.accountFen ? 1 : 0) + (s.mutualAidFen ? 1 : 0)
    if (linked.length !== want) out.push(`${who}: ${s.key} has ${linked.length} ledger entries, want ${want}`)
    for (const e of linked) {
      if (e.kind === 'consumption' && e.amountFen !== -s.accountFen) out.push(`${who}: ${s.key} consumption != account part`)
      if (e.kind === 'mutual_aid' && (e.amountFen !== -s.mutualAidFen || e.counterpartyName !== s.beneficiaryName)) out.push(`${who}: ${s.key} mutual aid entry`)
      if (e.occurredAt.getTime() !== s.settledAt.getTime() || e.postedAt.getTime() !== s.postedAt.getTime()) out.push(`${who}: ${s.key} entry times`)
    }
  }
  for (const e of p.ledger) if (e.settlementKey && !keys.has(e.settlementKey)) out.push(`${who}: entry names a missing settlement`)

  // Claims: a timeline the bureau could have produced.
  for (const c of p.claims) {
    const ev = c.events
    if (ev.length === 0 || ev[0]!.stage !== 'submitted') { out.push(`${who}: ${c.claimNo} does not start with submitted`); continue }
    for (let i = 1; i < ev.length; i++) {
      if (!NEXT[ev[i - 1]!.stage].includes(ev[i]!.stage)) out.push(`${who}: ${c.claimNo} ${ev[i - 1]!.stage} → ${ev[i]!.stage}`)
      if (ev[i]!.occurredAt.getTime() <= ev[i - 1]!.occurredAt.getTime()) out.push(`${who}: ${c.claimNo} events out of order`)
    }
    const last = ev[ev.length - 1]!
    if (last.stage !== c.stage) out.push(`${who}: ${c.claimNo} stage ${c.stage} but last event ${last.stage}`)
    if (c.submittedAt.getTime() !== ev[0]!.occurredAt.getTime() || c.updatedAt.getTime() !== last.occurredAt.getTime()) out.push(`${who}: ${c.claimNo} times`)
    if (last.occurredAt.getTime() > asOf.getTime()) out.push(`${who}: ${c.claimNo} event after asOf`)
    const decided = c.stage === 'approved' || c.stage === 'paid'
    if (decided !== (c.approvedFen !== null) || (c.approvedFen !== null && (c.approvedFen <= 0 || c.approvedFen > c.claimedFen))) out.push(`${who}: ${c.claimNo} approved amount`)
    if ((c.stage === 'materials_needed') !== (c.missingMaterials.length > 0)) out.push(`${who}: ${c.claimNo} missing materials`)
    if (ev.some((e) => !e.note)) out.push(`${who}: ${c.claimNo} event without a note`)
  }
  return out
}

export function dataProblems (d: DemoData): string[] {
  const out: string[] = []
  const codes = new Set(d.institutions.map((i) => i.code))
  if (codes.size !== d.institutions.length) out.push('duplicate institution codes')
  for (const i of d.institutions) {
    if (!isAssignedAddressCode(i.regionCode)) out.push(`institution ${i.code} region`)
    if (!new RegExp(`^[HP]${i.regionCode}[0-9]{5}$`).test(i.code)) out.push(`institution code ${i.code}`)
    // What the hospital page shows: a full address in the institution's region, its desk (only a pharmacy
    // may have none), what to bring, and one live entry code of the agreed shape.
    const region = regionName(i.regionCode)
    if (!region || !i.address.startsWith(region) || i.address.length <= region.length) out.push(`institution ${i.code} address`)
    if (i.desk === null ? i.kind !== 'pharmacy' : !(i.desk.place && i.desk.hours && /^0[0-9]{2,3}-0[0-9]{3} [0-9]{4}$/.test(i.desk.phone))) {
      out.push(`institution ${i.code} desk`)
    }
    if (i.bring.length === 0 || i.bring.some((b) => !b)) out.push(`institution ${i.code} bring`)
    if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(i.entryCode)) out.push(`institution ${i.code} entry code`)
  }
  if (new Set(d.institutions.map((i) => i.entryCode)).size !== d.institutions.length) out.push('duplicate entry codes')
  const unique = (what: string, values: string[]) => { if (new Set(values).size !== values.length) out.push(`duplicate ${what}`) }
  unique('ID numbers', d.persons.map((p) => p.facts.idNumber))
  unique('phones', d.persons.map((p) => p.facts.phone))
  unique('card numbers', d.persons.map((p) => p.facts.cardNumber))
  unique('claim numbers', d.persons.flatMap((p) => p.claims.map((c) => c.claimNo)))
  for (const p of d.persons) {
    for (const s of p.settlements) if (!codes.has(s.institutionCode)) out.push(`unknown institution ${s.institutionCode}`)
    for (const c of p.claims) if (c.institutionCode && !codes.has(c.institutionCode)) out.push(`unknown institution ${c.institutionCode}`)
    out.push(...personProblems(p, d.asOf))
  }
  return out
}
