// 报销进度: the person's claims (newest first, keyset pages), one claim with its dated timeline, the missing-materials
// checklist, the next step in plain Chinese and where the money goes (bank card masked); the WeChat subscriptions
// to a claim's stage changes; and the operator's move of a claim to its next stage, which sends one subscribe
// message to a person who asked for it.
//
// Stage rules (the order the insurance bureau works in):
//   submitted → first_review → second_review → approved → paid
//   first_review, second_review → rejected | materials_needed;  materials_needed → first_review (materials supplied)
// paid and rejected are final.
import { and, eq, sql } from 'drizzle-orm'
import type {
  ClaimAdvanceResult, ClaimDeduction, ClaimDetail, ClaimListItem, ClaimNoticeOutcome, ClaimStage, ClaimsPage, ClaimsQuery, ClaimSubscribeResult, ClaimTimelineEvent,
} from '../../types/api/claims'
import type { Clock, SubscribeSender } from './ports'
import type { ClaimNoticeConfig } from '../config'
import type { Db } from '../db'
import {
  claimPage, claimTimeline, findOwnClaim, insertSubscriptions, releaseSubscription, takeOldestSubscription, unusedSubscriptions, type ClaimRow,
} from '../db/repositories/claims'
import { findIdentityById } from '../db/repositories/identities'
import { claimEvents, claims, type ClaimDeductionRow } from '../db/schema'
import { CursorCodec, type CursorScope } from './cursor'
import { AppError } from './errors'
import { maskBankCard } from './mask'
import type { DataCipher } from './secrets'

export const STAGE_NAMES: Readonly<Record<ClaimStage, string>> = {
  submitted: '已提交',
  first_review: '初审中',
  second_review: '复审中',
  approved: '审核通过',
  paid: '已打款',
  rejected: '未通过',
  materials_needed: '需补充材料',
}

/** Where each stage may go next. */
export const NEXT_STAGES: Readonly<Record<ClaimStage, readonly ClaimStage[]>> = {
  submitted: ['first_review'],
  first_review: ['second_review', 'rejected', 'materials_needed'],
  second_review: ['approved', 'rejected', 'materials_needed'],
  approved: ['paid'],
  paid: [],
  rejected: [],
  materials_needed: ['first_review'],
}

export const FINAL_STAGES: ReadonlySet<ClaimStage> = new Set(['paid', 'rejected'])

/** The mini-program page a notice opens (the 报销详情 page of the account subpackage). */
export const claimPagePath = (id: number) => `packages/account/pages/claim/index?id=${id}`

/** At most this many unused subscriptions are kept per claim; more acceptances add nothing the person needs. */
export const MAX_UNUSED_SUBSCRIPTIONS = 10

const DEFAULT_LIMIT = 20
const DAY = 86_400_000
const CN_OFFSET = 8 * 3600_000

/** How long each stage usually takes, in working days from when it began (a rough guide for the person). */
const USUAL_WORKING_DAYS: Partial<Record<ClaimStage, number>> = { submitted: 3, first_review: 10, second_review: 10, approved: 10 }

// --- China dates -----------------------------------------------------------------------------------------------

const chinaDayNo = (t: Date) => Math.floor((t.getTime() + CN_OFFSET) / DAY)
const dayOfWeek = (dn: number) => (((dn + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday; 0 = Sunday

function addWorkingDays (dn: number, n: number): number {
  let d = dn
  for (let left = n; left > 0;) {
    d++
    const dow = dayOfWeek(d)
    if (dow !== 0 && dow !== 6) left--
  }
  return d
}

function dateText (dn: number): string {
  const x = new Date(dn * DAY)
  return `${x.getUTCFullYear()}年${x.getUTCMonth() + 1}月${x.getUTCDate()}日`
}

/** 2026年11月20日 11:05, China time: the `time` keyword format of subscribe messages. */
export function chinaTimeText (t: Date): string {
  const x = new Date(t.getTime() + CN_OFFSET)
  const hh = String(x.getUTCHours()).padStart(2, '0')
  const mm = String(x.getUTCMinutes()).padStart(2, '0')
  return `${x.getUTCFullYear()}年${x.getUTCMonth() + 1}月${x.getUTCDate()}日 ${hh}:${mm}`
}

/** First instant of a China calendar date (YYYY-MM-DD). */
const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`)

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

// --- what the person reads -------------------------------------------------------------------------------------

interface Payout { bankName?: string; cardMasked: string; last4: string }

/**
 * The next step in plain Chinese: what happens next and roughly when (working days from the stage's start, China
 * calendar), or what the person must do. A stage that has taken longer than usual says so instead of a past date.
 * For a family member reading a share, the payout card is named without its digits.
 */
export function nextStep (c: { stage: ClaimStage; updatedAt: Date; missingMaterials: string[]; rejectReason?: string | null }, payout: Payout | null, now: Date,
  audience: 'owner' | 'family' = 'owner'): string {
  const usual = USUAL_WORKING_DAYS[c.stage]
  const due = usual === undefined ? undefined : addWorkingDays(chinaDayNo(c.updatedAt), usual)
  const late = due !== undefined && due < chinaDayNo(now)
  const by = due === undefined ? '' : dateText(due)
  const slow = '比通常时间长一些，请耐心等待；着急的话可以拨打 12393 医保服务热线询问进度。'
  const card = audience === 'family' ? '登记的银行账户' : payout ? `尾号 ${payout.last4} 的银行卡` : '您登记的银行账户'
  switch (c.stage) {
    case 'submitted':
      return late ? `医保经办机构还在受理您的申请，${slow}` : `医保经办机构会受理您的申请并开始初审，预计${by}前开始初审。`
    case 'first_review':
      return late ? `正在初审，${slow}` : `正在初审，预计${by}前有结果；如果需要补充材料，会在这里告诉您。`
    case 'second_review':
      return late ? `正在复审，${slow}` : `初审已通过，正在复审，预计${by}前给出审核结果。`
    case 'approved':
      if (!payout) return '审核已通过。请尽快到参保地医保经办机构登记收款银行账户，登记后报销款会打到该账户。'
      return late ? `审核已通过，报销款正在拨付，${slow}` : `审核已通过，报销款预计${by}前打到${card}。`
    case 'paid':
      return `报销款已于${dateText(chinaDayNo(c.updatedAt))}打到${card}，请留意银行的到账短信。本次报销已办结。`
    case 'rejected':
      return c.rejectReason
        ? `本次申请未通过，原因是：${c.rejectReason.trim().replace(/[。.；;，,\s]+$/, '')}。如有疑问，可以拨打 12393 医保服务热线咨询；符合条件后可以重新申请。`
        : '本次申请未通过。如有疑问，可以拨打 12393 医保服务热线询问原因；符合条件后可以重新申请。'
    case 'materials_needed':
      return c.missingMaterials.length
        ? `请补充 ${c.missingMaterials.length} 项材料：${c.missingMaterials.join('、')}。补齐后交到参保地医保经办机构，会重新进入初审。`
        : '请联系参保地医保经办机构，了解需要补充哪些材料；补齐后会重新进入初审。'
  }
}

/** What each kind of deduction is called and why it is not paid, in the words of a 医保 settlement. */
export const DEDUCTION_WORDS: Readonly<Record<ClaimDeductionRow['kind'], { name: string; explanation: string }>> = {
  deductible: { name: '起付线以下', explanation: '每个年度先由个人负担起付标准以内的费用，超过起付线的部分医保才按比例报销。' },
  co_pay: { name: '个人按比例负担', explanation: '起付线以上、医保目录内的费用按规定比例报销，其余由个人负担；乙类药品和项目还要先自付一定比例。' },
  self_pay: { name: '目录外自费', explanation: '不在医保目录内的药品、耗材和服务项目（丙类），医保不报销，全部由个人负担。' },
  over_limit: { name: '超过限价或限额', explanation: '超过医保支付限价、或超过年度最高支付限额的部分，医保不报销。' },
  other: { name: '经审核不予报销', explanation: '医保经办机构审核后没有报销这部分费用；想了解原因，可以拨打 12393 医保服务热线咨询。' },
}

/** The parts a review did not pay, with their words: only once an amount is approved and it is below the claim. */
export function claimDeductions (c: { claimedFen: number; approvedFen: number | null; deductions: ClaimDeductionRow[] }): ClaimDeduction[] {
  if (c.approvedFen == null || c.approvedFen >= c.claimedFen) return []
  const parts = c.deductions.filter((d) => d.amountFen > 0)
  const listed = parts.reduce((sum, d) => sum + d.amountFen, 0)
  const rest = c.claimedFen - c.approvedFen - listed
  // The parts always add up to the difference: anything not explained is named as such rather than left out.
  const all = rest > 0 ? [...parts, { kind: 'other' as const, amountFen: rest }] : parts
  return all.map((d) => ({ kind: d.kind, ...DEDUCTION_WORDS[d.kind], amountFen: d.amountFen }))
}

/** `parts` plus what they leave of `total` (nothing left: as given), with the rest in the one `other` part. */
function withRest (parts: readonly ClaimDeductionRow[], total: number): ClaimDeductionRow[] {
  const rest = total - parts.reduce((sum, d) => sum + d.amountFen, 0)
  if (rest <= 0) return parts.map((d) => ({ kind: d.kind, amountFen: d.amountFen }))
  const other = parts.find((d) => d.kind === 'other')
  return other
    ? parts.map((d) => ({ kind: d.kind, amountFen: d === other ? d.amountFen + rest : d.amountFen }))
    : [...parts.map((d) => ({ kind: d.kind, amountFen: d.amountFen })), { kind: 'other', amountFen: rest }]
}

/** The note an event gets when the operator gives none (the same wording as the demo data). */
function defaultNote (stage: ClaimStage, o: { approvedFen: number | null; missingMaterials: string[] }): string {
  switch (stage) {
    case 'submitted': return '已提交报销申请及材料'
    case 'first_review': return '医保经办机构已受理，正在初审'
    case 'second_review': return '初审通过，进入复审'
    case 'approved': return `复审通过，核定报销金额 ${yuan(o.approvedFen ?? 0)}`
    case 'paid': return '报销款已拨付至本人社会保障卡银行账户'
    case 'rejected': return '不符合报销条件，不予报销'
    case 'materials_needed': return `材料不全，请补充：${o.missingMaterials.join('、')}`
  }
}

/** A value cut to what the template keyword allows (thing: 20 characters, character_string: 32, phrase: 5). */
function fit (key: string, value: string): string {
  const max = key.startsWith('thing') ? 20 : key.startsWith('character_string') ? 32 : key.startsWith('phrase') ? 5 : 200
  // WeChat refuses control characters (a newline in a note) in any value.
  const chars = Array.from(value).map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch))
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** A claim as shared with family: what ClaimService.shared reads; server/domain/shares.ts decides what leaves. */
export interface SharedClaim {
  id: number
  claimNo: string
  title: string
  stage: ClaimStage
  stageName: string
  submittedAt: string
  updatedAt: string
  institutionName: string | null
  timeline: ClaimTimelineEvent[]
  missingMaterials: string[]
  nextStep: string
  claimedFen: number
  approvedFen: number | null
}

export interface ClaimLog {
  info (obj: Record<string, unknown>, msg: string): void
  warn (obj: Record<string, unknown>, msg: string): void
}

export interface ClaimServiceDeps {
  db: Db
  cipher: DataCipher
  clock: Clock
  /** The subscribe template (config); without it, or without a sender, nobody can subscribe and nothing is sent. */
  notice?: ClaimNoticeConfig
  sender?: SubscribeSender
  /** Where send outcomes go: ids, stages and errcodes only, never an openid, a name or a claim's text. */
  log?: ClaimLog
}

export interface AdvanceOptions { missingMaterials?: string[]; approvedFen?: number; deductions?: ClaimDeductionRow[] }

export class ClaimService {
  private readonly db: Db
  private readonly cipher: DataCipher
  private readonly clock: Clock
  private readonly notice?: ClaimNoticeConfig
  private readonly sender?: SubscribeSender
  private readonly log: ClaimLog
  readonly codec: CursorCodec

  constructor (deps: ClaimServiceDeps) {
    this.db = deps.db
    this.cipher = deps.cipher
    this.clock = deps.clock
    this.notice = deps.notice
    this.sender = deps.sender
    this.log = deps.log ?? { info: () => undefined, warn: () => undefined }
    this.codec = new CursorCodec(deps.cipher)
  }

  // --- reads ---------------------------------------------------------------------------------------------------

  async list (personId: number, q: ClaimsQuery): Promise<ClaimsPage> {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new AppError('validation_failed', '开始日期不能晚于结束日期，请重新选择日期范围')
    }
    const limit = q.limit ?? DEFAULT_LIMIT
    const scope: CursorScope = { personId, list: 'claims', filters: { from: q.from, to: q.to, stage: q.stage, institution: q.institution } }
    const key = q.cursor === undefined ? undefined : this.codec.decode(q.cursor, scope)
    const rows = await claimPage(this.db, {
      personId, limit: limit + 1, stage: q.stage, institution: q.institution,
      before: key ? { t: new Date(key.t), id: key.id } : undefined,
      from: q.from === undefined ? undefined : chinaDayStart(q.from),
      to: q.to === undefined ? undefined : new Date(chinaDayStart(q.to).getTime() + DAY),
    })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const now = this.clock.now()
    return {
      items: page.map((r) => this.item(r, now)),
      nextCursor: rows.length > limit && last ? this.codec.encode({ t: last.submittedAt.toISOString(), id: last.id }, scope) : null,
    }
  }

  /** One of the person's claims; another person's id is a 404 like a missing one. */
  async detail (personId: number, id: number, identityId: number | null): Promise<ClaimDetail> {
    const row = await this.ownClaim(personId, id)
    const now = this.clock.now()
    const payout = this.payout(row)
    const timeline = await claimTimeline(this.db, row.id)
    const canSubscribe = this.notice && this.sender && !FINAL_STAGES.has(row.stage) && await this.wechatIdentity(personId, identityId)
    return {
      ...this.item(row, now, payout),
      timeline: timeline.map((e) => ({ stage: e.stage, stageName: STAGE_NAMES[e.stage], at: e.occurredAt.toISOString(), note: e.note })),
      missingMaterials: row.stage === 'materials_needed' ? row.missingMaterials : [],
      deductions: claimDeductions(row),
      payout: payout ? { ...(payout.bankName ? { bankName: payout.bankName } : {}), cardMasked: payout.cardMasked } : null,
      subscribed: await unusedSubscriptions(this.db, row.id) > 0,
      subscribeTemplateId: canSubscribe && this.notice ? this.notice.templateId : null,
    }
  }

  /**
   * One of the person's claims as a family member reads it through a share (server/domain/shares.ts): the stage,
   * dated timeline, missing materials and next step of 报销详情, and nothing of the payout card. Another person's
   * id is a 404 like a missing one.
   */
  async shared (personId: number, id: number): Promise<SharedClaim> {
    const row = await this.ownClaim(personId, id)
    const timeline = await claimTimeline(this.db, row.id)
    return {
      id: row.id, claimNo: row.claimNo, title: row.title, stage: row.stage, stageName: STAGE_NAMES[row.stage],
      submittedAt: row.submittedAt.toISOString(), updatedAt: row.updatedAt.toISOString(), institutionName: row.institutionName,
      timeline: timeline.map((e) => ({ stage: e.stage, stageName: STAGE_NAMES[e.stage], at: e.occurredAt.toISOString(), note: e.note })),
      missingMaterials: row.stage === 'materials_needed' ? row.missingMaterials : [],
      nextStep: nextStep(row, this.payout(row), this.clock.now(), 'family'),
      claimedFen: row.claimedFen, approvedFen: row.approvedFen,
    }
  }

  // --- subscriptions -------------------------------------------------------------------------------------------

  /**
   * Records the person's acceptance of the stage-change notice for one claim (one row per accepted template id):
   * the next stage change sends one message and spends it. Only a WeChat mini-program session can: the message
   * goes to that openid.
   */
  async subscribe (personId: number, claimId: number, identityId: number | null, templateIds: string[]): Promise<ClaimSubscribeResult> {
    const row = await this.ownClaim(personId, claimId)
    if (!this.notice || !this.sender) throw new AppError('subscribe_unavailable', '暂时没有开通报销进度提醒，请稍后再查看进度')
    const identity = await this.wechatIdentity(personId, identityId)
    if (!identity) throw new AppError('subscribe_unavailable')
    if (FINAL_STAGES.has(row.stage)) throw new AppError('claim_final')
    const expected = this.notice.templateId
    if (templateIds.some((t) => t !== expected)) throw new AppError('subscribe_template_unknown')
    const now = this.clock.now()
    // Count and add under a per-claim lock: parallel acceptances through several processes cannot all see room.
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`claim-subscriptions:${row.id}`}))`)
      const unused = await unusedSubscriptions(tx, row.id)
      const room = Math.max(0, MAX_UNUSED_SUBSCRIPTIONS - unused)
      const add = templateIds.slice(0, room).map((templateId) => ({ personId, claimId: row.id, identityId: identity, templateId, createdAt: now }))
      await insertSubscriptions(tx, add)
      return { subscribed: true, remaining: unused + add.length }
    })
  }

  // --- the operator's move -------------------------------------------------------------------------------------

  /**
   * Moves a claim to `to` if the stage rules allow it: the claim and a timeline event in one transaction; then one
   * subscribe message through the oldest unused subscription, if there is one. A failed send is logged and never
   * undoes the stage change; a send that may work later (network, busy, our template or data refused) gives the
   * subscription back for the next change.
   */
  async advance (claimNo: string, to: ClaimStage, note?: string, opts: AdvanceOptions = {}): Promise<ClaimAdvanceResult> {
    if (opts.missingMaterials !== undefined && to !== 'materials_needed') {
      throw new AppError('validation_failed', '只有“需补充材料”时才填写缺少的材料')
    }
    if (opts.approvedFen !== undefined && to !== 'approved') throw new AppError('validation_failed', '只有“审核通过”时才填写核定报销金额')
    if (opts.deductions !== undefined && to !== 'approved') throw new AppError('validation_failed', '只有“审核通过”时才填写不予报销的各部分')
    const kinds = new Set(opts.deductions?.map((d) => d.kind))
    if (opts.deductions && kinds.size !== opts.deductions.length) throw new AppError('validation_failed', '不予报销的各部分里有重复的种类，请把同一种类的金额合在一起')
    const missing = (opts.missingMaterials ?? []).map((m) => m.trim()).filter(Boolean)
    if (to === 'materials_needed' && missing.length === 0) throw new AppError('validation_failed', '需补充材料时，请列出缺少的材料')
    const now = this.clock.now()

    const moved = await this.db.transaction(async (tx) => {
      const [c] = await tx.select().from(claims).where(eq(claims.claimNo, claimNo)).limit(1).for('update')
      if (!c) throw new AppError('not_found', `没有找到报销申请 ${claimNo}，请核对编号`)
      if (!NEXT_STAGES[c.stage].includes(to)) {
        const allowed = NEXT_STAGES[c.stage].map((s) => `“${STAGE_NAMES[s]}”`).join('、')
        throw new AppError('claim_stage_invalid',
          `这笔报销现在是“${STAGE_NAMES[c.stage]}”，不能变为“${STAGE_NAMES[to]}”${allowed ? `；可以变为${allowed}` : '（已办结）'}`)
      }
      let approvedFen = c.approvedFen
      if (to === 'approved') {
        approvedFen = opts.approvedFen ?? c.claimedFen
        if (!Number.isSafeInteger(approvedFen) || approvedFen < 1) throw new AppError('validation_failed', '核定报销金额应为大于 0 的整数（单位：分）')
        if (approvedFen > c.claimedFen) throw new AppError('validation_failed', `核定报销金额不能超过申请金额 ${yuan(c.claimedFen)}`)
        const listed = (opts.deductions ?? []).reduce((sum, d) => sum + d.amountFen, 0)
        if (listed > c.claimedFen - approvedFen) {
          throw new AppError('validation_failed',
            `不予报销的各部分合计 ${yuan(listed)}，超过了申请金额与核定金额之差 ${yuan(c.claimedFen - approvedFen)}，请核对`)
        }
      } else if (to !== 'paid') {
        approvedFen = null
      }
      const missingMaterials = to === 'materials_needed' ? missing : []
      const text = note?.trim() || defaultNote(to, { approvedFen, missingMaterials })
      // The operator's breakdown, and what it leaves unexplained as one part the person can ask about (one of each
      // kind: an `other` given by the operator absorbs the rest); paid keeps what approved stored.
      const deductions: ClaimDeductionRow[] = to === 'paid'
        ? c.deductions
        : to === 'approved' && approvedFen !== null && approvedFen < c.claimedFen ? withRest(opts.deductions ?? [], c.claimedFen - approvedFen) : []
      const rejectReason = to === 'rejected' ? text : null
      const updated = await tx.update(claims).set({ stage: to, approvedFen, missingMaterials, deductions, rejectReason, updatedAt: now })
        .where(and(eq(claims.id, c.id), eq(claims.stage, c.stage))).returning({ id: claims.id })
      if (updated.length !== 1) throw new AppError('conflict')
      await tx.insert(claimEvents).values({ claimId: c.id, stage: to, occurredAt: now, note: text })
      return { ...c, stage: to, approvedFen, missingMaterials, deductions, rejectReason, updatedAt: now, note: text }
    })

    const notice = await this.notify(moved, now)
    return { id: moved.id, claimNo: moved.claimNo, stage: to, stageName: STAGE_NAMES[to], notice }
  }

  private async notify (c: typeof claims.$inferSelect & { note: string }, at: Date): Promise<ClaimNoticeOutcome> {
    if (!this.notice || !this.sender) return 'off'
    const sub = await takeOldestSubscription(this.db, c.id, at)
    if (!sub) return 'no_subscription'
    const ctx = { claimId: c.id, subscriptionId: sub.id, stage: c.stage }
    const identity = await findIdentityById(this.db, sub.identityId)
    if (!identity || identity.platform !== 'wechat' || identity.personId !== c.personId) {
      this.log.warn({ ...ctx, outcome: 'bad_openid' }, 'claim notice not sent: the subscribing identity is no longer this person\'s WeChat account')
      return 'bad_openid'
    }
    const keys = this.notice.keys
    const payout = this.payout({ payoutBank: c.payoutBank, payoutCardEnc: c.payoutCardEnc })
    const data = {
      [keys.title]: { value: fit(keys.title, c.title) },
      [keys.stage]: { value: fit(keys.stage, STAGE_NAMES[c.stage]) },
      [keys.time]: { value: chinaTimeText(at) },
      [keys.note]: { value: fit(keys.note, noticeNote(c, payout)) },
    }
    try {
      const result = await this.sender.send({
        touser: identity.subject, templateId: sub.templateId, page: claimPagePath(c.id), data, miniprogramState: this.notice.miniprogramState,
      })
      if (result.outcome === 'sent') {
        this.log.info({ ...ctx, outcome: 'sent' }, 'claim notice sent')
      } else if (result.outcome === 'rejected') {
        await releaseSubscription(this.db, sub.id)
        this.log.warn({ ...ctx, outcome: result.outcome, errcode: result.errcode }, 'claim notice refused by WeChat: check the template id, its keywords and the page')
      } else {
        this.log.info({ ...ctx, outcome: result.outcome, errcode: result.errcode }, 'claim notice not delivered; the subscription is spent')
      }
      return result.outcome
    } catch (e) {
      await releaseSubscription(this.db, sub.id).catch(() => undefined)
      const err = e instanceof AppError ? { code: e.code, cause: String(e.cause ?? '') } : { code: 'error', cause: e instanceof Error ? e.name : 'unknown' }
      this.log.warn({ ...ctx, outcome: 'failed', ...err }, 'claim notice failed; the subscription is kept for the next stage change')
      return 'failed'
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private async ownClaim (personId: number, id: number): Promise<ClaimRow> {
    const row = Number.isSafeInteger(id) ? await findOwnClaim(this.db, personId, id) : undefined
    if (!row) throw new AppError('not_found', '没有找到这笔报销申请，请返回报销进度列表重新查看')
    return row
  }

  /** The session's WeChat identity id if it is bound to this person, else undefined. */
  private async wechatIdentity (personId: number, identityId: number | null): Promise<number | undefined> {
    if (identityId === null) return undefined
    const identity = await findIdentityById(this.db, identityId)
    return identity && identity.platform === 'wechat' && identity.personId === personId ? identity.id : undefined
  }

  private payout (r: { payoutBank: string | null; payoutCardEnc: string | null }): Payout | null {
    if (!r.payoutCardEnc) return null
    let card: string
    try {
      card = this.cipher.decrypt(r.payoutCardEnc)
    } catch {
      return null // another DATA_KEY: say nothing rather than something wrong
    }
    const masked = maskBankCard(card)
    return { ...(r.payoutBank ? { bankName: r.payoutBank } : {}), cardMasked: masked, last4: card.slice(-4) }
  }

  private item (r: ClaimRow, now: Date, payout = this.payout(r)): ClaimListItem {
    return {
      id: r.id, claimNo: r.claimNo, title: r.title, stage: r.stage, stageName: STAGE_NAMES[r.stage],
      submittedAt: r.submittedAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
      claimedFen: r.claimedFen, approvedFen: r.approvedFen,
      institution: r.institutionCode && r.institutionName ? { code: r.institutionCode, name: r.institutionName } : null,
      nextStep: nextStep(r, payout, now),
    }
  }
}

/** The notice's short note (a `thing`: 20 characters): what the person needs to know at a glance. */
function noticeNote (c: { stage: ClaimStage; note: string; approvedFen: number | null; missingMaterials: string[] }, payout: Payout | null): string {
  switch (c.stage) {
    case 'materials_needed': return `请补充${c.missingMaterials.length}项材料，点开查看清单`
    case 'approved': return `核定报销金额${yuan(c.approvedFen ?? 0)}`
    case 'paid': return payout ? `已打到尾号${payout.last4}的银行卡` : '报销款已拨付'
    default: return c.note
  }
}
