// A person's claims (报销): each stage's timeline laid out backwards from the last event, the notes the bureau writes,
// and the bank account the money goes to.
import { dayOf, pad, prevWeekday, timeOn, ymd } from './china-time'
import type { PersonHistory } from './history'
import type { ClaimPlan } from './plan'
import type { ClaimStage, DemoClaimEvent, DemoPayout, DemoPersonFacts } from './types'

/** Events are laid out backwards from the last one, a few working days apart, during office hours. */
export function claim (h: PersonHistory, c: ClaimPlan, index: number): void {
  const path = CLAIM_PATHS[c.stage]
  const asOfDay = dayOf(h.asOf)
  const days: number[] = []
  let dn = prevWeekday(asOfDay - c.endDaysAgo)
  for (let i = path.length - 1; i >= 0; i--) {
    days.unshift(dn)
    dn = prevWeekday(dn - h.rng.int(1, 5))
  }
  const times = days.map((d) => timeOn(h.rng, d, 9, 17))
  const events: DemoClaimEvent[] = path.map((stage, i) => ({ stage, occurredAt: times[i]!, note: claimNote(stage, c) }))
  const submittedAt = times[0]!
  const approved = c.stage === 'approved' || c.stage === 'paid'
  const short = (approved ? (c.approvedFen ?? c.claimedFen) : c.claimedFen) - c.claimedFen
  const listed = (c.deductions ?? []).reduce((sum, d) => sum + d.amountFen, 0)
  if (approved && listed !== -short) throw new Error(`claim plan ${c.title}: deductions ${listed} do not add up to ${-short}`)
  const { y, mo, d } = ymd(dayOf(submittedAt))
  h.claims.push({
    claimNo: `BX${h.plan.facts.regionCode}${y}${pad(mo)}${pad(d)}${pad(h.plan.facts.n, 6)}${index}`,
    institutionCode: c.institutionCode, title: c.title, stage: c.stage, claimedFen: c.claimedFen,
    approvedFen: approved ? (c.approvedFen ?? c.claimedFen) : null,
    missingMaterials: c.stage === 'materials_needed' ? (c.missingMaterials ?? []) : [],
    deductions: approved ? (c.deductions ?? []) : [],
    rejectReason: c.stage === 'rejected' ? claimNote('rejected', c) : null,
    submittedAt, updatedAt: times[times.length - 1]!, events,
    payout: c.noPayout ? null : demoPayout(h.plan.facts),
  })
}

/** The bank that issues social security cards in the region (by province), as plausible demo text. */
const PAYOUT_BANKS: Readonly<Record<string, string>> = { 31: '上海银行', 11: '北京银行', 44: '广州农村商业银行', 33: '杭州银行' }

/**
 * A made-up 19-digit card number with a valid Luhn digit, derived from the person (no PRNG draw, so adding payouts
 * changed no other demo value). Only its last four digits ever leave the server.
 */
function demoPayout (f: DemoPersonFacts): DemoPayout {
  const body = `623199${f.regionCode}${pad(f.n, 6)}`
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9 }
    sum += d
  }
  return { bankName: PAYOUT_BANKS[f.regionCode.slice(0, 2)] ?? '中国工商银行', cardNumber: body + String((10 - (sum % 10)) % 10) }
}

/** The stages a claim passes through to reach each stage (the order the bureau works in). */
export const CLAIM_PATHS: Readonly<Record<ClaimStage, readonly ClaimStage[]>> = {
  submitted: ['submitted'],
  first_review: ['submitted', 'first_review'],
  second_review: ['submitted', 'first_review', 'second_review'],
  approved: ['submitted', 'first_review', 'second_review', 'approved'],
  paid: ['submitted', 'first_review', 'second_review', 'approved', 'paid'],
  rejected: ['submitted', 'first_review', 'rejected'],
  materials_needed: ['submitted', 'first_review', 'materials_needed'],
}

/** ¥1,102.30: with the thousands separator, as every amount reads in the app. */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

function claimNote (stage: ClaimStage, c: ClaimPlan): string {
  switch (stage) {
    case 'submitted': return '已提交报销申请及材料'
    case 'first_review': return '医保经办机构已受理，正在初审'
    case 'second_review': return '初审通过，进入复审'
    case 'approved': return `复审通过，核定报销金额 ${yuan(c.approvedFen ?? c.claimedFen)}`
    case 'paid': return '报销款已拨付至本人社会保障卡银行账户'
    case 'rejected': return c.rejectReason ?? '不符合报销条件，不予报销'
    case 'materials_needed': return `材料不全，请补充：${(c.missingMaterials ?? []).join('、')}`
  }
}
