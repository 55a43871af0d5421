// 分享给家人: grants that show one claim to one family member without a login — created by the verified owner
// (a random token shown once, only its SHA-256 kept), listed in 我的分享, revoked one by one or all at once — and
// the family view a token opens: the owner's masked name and that claim's progress, nothing else, each view counted
// and written to the owner's access log in one transaction. Unknown, malformed, expired and revoked tokens all get
// the same 404, so a token says nothing about grants it does not open. Every text of the view goes through
// familyText; one grant is counted at most so many times a minute, so a leaked token cannot flood the owner's log.
import { randomBytes } from 'node:crypto'
import {
  SHARE_TOKEN_PATTERN, type ShareCreateBody, type ShareCreated, type ShareDuration, type ShareGrant, type ShareList, type ShareRevoked,
  type ShareView,
} from '../../types/api/shares'
import type { ActivityIdSource, Clock } from './ports'
import type { Db } from '../db'
import { findIdentityById } from '../db/repositories/identities'
import { findPersonById } from '../db/repositories/persons'
import {
  countLiveGrants, countView, findLiveGrantByTokenHash, insertGrant, listOwnGrants, lockPersonForShares, ownGrantExists, recentViews,
  revokeLiveGrants, type ShareGrantRow,
} from '../db/repositories/shares'
import { recordAccess } from './access-log'
import { chinaTimeText, type ClaimService, type SharedClaim } from './claims'
import { missingAccountConsent } from './consents'
import { AppError, rateLimited } from './errors'
import { familyText } from './family-text'
import { maskName } from './mask'
import { sha256Hex } from './secrets'

/** The family view's page; the token rides in its query (mini-programs) or after `#` (H5), never in a logged path. */
export const SHARE_VIEW_PAGE = '/packages/share/pages/view/index'

export const DURATION_MS: Readonly<Record<ShareDuration, number>> = { '1h': 3600_000, '1d': 86_400_000, '7d': 7 * 86_400_000 }

/** Live grants one person may hold at once: plenty for a family, and a bound on what a stolen session can spread. */
export const MAX_LIVE_GRANTS = 20
/** Ended grants stay in 我的分享 this long, so the owner can still see who looked. */
export const ENDED_KEPT_MS = 30 * 86_400_000
/** 我的分享 shows at most this many grants. */
export const LIST_LIMIT = 100
/** The window of the per-grant view cap (config shareGrantViewsPerMinute). */
const VIEW_WINDOW_MS = 60_000

const TOKEN = new RegExp(SHARE_TOKEN_PATTERN)

/** 24 random bytes (192 bits) as 32 characters of base64url (SHARE_TOKEN_PATTERN). */
export function newShareToken (): string {
  return randomBytes(24).toString('base64url')
}

/** The one answer for every token that opens nothing. */
const invalid = () => new AppError('share_invalid')

export interface ShareLog {
  warn (obj: Record<string, unknown>, msg: string): void
}

export interface ShareServiceDeps {
  db: Db
  clock: Clock
  claims: ClaimService
  /** PUBLIC_BASE_URL: with it, a create answers the H5 link too. */
  publicBaseUrl?: string
  /** WeChat private-message ids, only with WeChat credentials. */
  activity?: ActivityIdSource
  /** Failures that leave the share working (no private-message id): ids and errcodes only. */
  log?: ShareLog
  /** Views of one grant counted per minute (SHARE_GRANT_VIEWS_PER_MINUTE); beyond it a view answers 429, counting nothing. */
  grantViewsPerMinute: number
}

/** Who shares: the verified person and the session's platform identity (a WeChat one can mark a private message). */
export interface Sharer { personId: number; identityId: number | null }

/** What a view's access-log row says about where it came from (access-log clientContext). */
export interface ViewContext { channel: string | null; scene: string | null }

export class ShareService {
  private readonly db: Db
  private readonly clock: Clock
  private readonly claims: ClaimService
  private readonly publicBaseUrl?: string
  private readonly activity?: ActivityIdSource
  private readonly log: ShareLog
  private readonly grantViewsPerMinute: number

  constructor (deps: ShareServiceDeps) {
    this.db = deps.db
    this.clock = deps.clock
    this.claims = deps.claims
    this.publicBaseUrl = deps.publicBaseUrl
    this.activity = deps.activity
    this.log = deps.log ?? { warn: () => undefined }
    this.grantViewsPerMinute = deps.grantViewsPerMinute
  }

  /**
   * A grant on one of the sharer's claims for one recipient (another person's or a missing claim is the 404 of
   * GET /claims/{id}). The token appears in this answer only.
   */
  async create (sharer: Sharer, claimId: number, body: ShareCreateBody): Promise<ShareCreated> {
    const claim = await this.claims.shared(sharer.personId, claimId)
    // Everything the answer needs is read before the grant commits: a failure after it would leave a live grant the
    // owner was never told about.
    const ownerMasked = maskName(await this.ownerName(sharer.personId))
    const now = this.clock.now()
    const token = newShareToken()
    const expiresAt = new Date(now.getTime() + DURATION_MS[body.duration])
    const row = await this.db.transaction(async (tx) => {
      if (!await lockPersonForShares(tx, sharer.personId)) throw new AppError('not_found')
      if (await countLiveGrants(tx, sharer.personId, now) >= MAX_LIVE_GRANTS) {
        throw new AppError('share_limit_reached',
          `同时有效的分享最多 ${MAX_LIVE_GRANTS} 份，请先在“我的分享”里撤回不再需要的，再分享`)
      }
      return insertGrant(tx, {
        personId: sharer.personId, claimId: claim.id, tokenHash: sha256Hex(token), recipientLabel: cleanLabel(body.recipientLabel),
        showAmounts: body.showAmounts, createdAt: now, expiresAt,
      })
    })
    const query = `?t=${token}`
    return {
      grant: grantOf({ ...row, claimTitle: claim.title, claimNo: claim.claimNo }, now),
      token,
      path: `${SHARE_VIEW_PAGE}${query}`,
      url: this.publicBaseUrl ? `${this.publicBaseUrl}/#${SHARE_VIEW_PAGE}${query}` : null,
      activityId: body.channel === 'weapp' ? await this.activityId(sharer, row.id) : null,
      summary: summary(ownerMasked, claim, body.showAmounts, expiresAt),
    }
  }

  /** 我的分享: newest first; ended grants for 30 days. */
  async list (personId: number): Promise<ShareList> {
    const now = this.clock.now()
    const rows = await listOwnGrants(this.db, personId, new Date(now.getTime() - ENDED_KEPT_MS), LIST_LIMIT)
    return { items: rows.map((r) => grantOf(r, now)) }
  }

  /** Revokes one of the person's grants; again, or once expired, it answers 0. Another person's id is a 404. */
  async revoke (personId: number, id: number): Promise<ShareRevoked> {
    const revoked = await revokeLiveGrants(this.db, personId, this.clock.now(), id)
    if (revoked === 0 && !await ownGrantExists(this.db, personId, id)) {
      throw new AppError('not_found', '没有找到这份分享，请刷新“我的分享”后再试')
    }
    return { revoked }
  }

  async revokeAll (personId: number): Promise<ShareRevoked> {
    return { revoked: await revokeLiveGrants(this.db, personId, this.clock.now()) }
  }

  /**
   * The family view behind a token. The claim is read first; then, in one transaction, the view is counted (only if
   * the grant is still live — a revocation that landed meanwhile wins) and logged for the owner. So every answer
   * given is one counted, logged view, and nothing is counted for an answer not given. The count's UPDATE holds the
   * grant's row until commit, so concurrent views of one grant (in any number of processes) take turns at the cap and
   * it holds exactly.
   */
  async view (token: string | undefined, ctx: ViewContext): Promise<ShareView> {
    if (token === undefined || !TOKEN.test(token)) throw invalid()
    const now = this.clock.now()
    const grant = await findLiveGrantByTokenHash(this.db, sha256Hex(token), now)
    if (!grant) throw invalid()
    // A view discloses the owner's data: without their current consents it answers like an ended link.
    if (await missingAccountConsent(this.db, grant.personId) !== null) throw invalid()
    let claim: SharedClaim
    try {
      claim = await this.claims.shared(grant.personId, grant.claimId)
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') throw invalid()
      throw e
    }
    const counted = await this.db.transaction(async (tx) => {
      if (!await countView(tx, grant.id, now)) return false
      const recent = await recentViews(tx, grant.personId, grant.id, new Date(now.getTime() - VIEW_WINDOW_MS))
      if (recent.count >= this.grantViewsPerMinute) {
        // Throwing rolls the count back: a refused view is neither counted nor logged.
        throw rateLimited(((recent.oldest?.getTime() ?? now.getTime()) + VIEW_WINDOW_MS - now.getTime()) / 1000, now)
      }
      await recordAccess(tx, {
        personId: grant.personId, sessionId: null, resource: 'claim_detail', resourceId: grant.claimId, ...ctx, at: now,
        actor: 'share', shareGrantId: grant.id,
      })
      return true
    })
    if (!counted) throw invalid()
    const show = grant.showAmounts
    // The bureau's words are free text: every one of them, and the title, through the one scrub.
    const text = (s: string) => familyText(s, { ownerName: grant.ownerName, showAmounts: show })
    return {
      ownerNameMasked: maskName(grant.ownerName),
      claim: {
        title: text(claim.title), stage: claim.stage, stageName: claim.stageName, submittedAt: claim.submittedAt, updatedAt: claim.updatedAt,
        institutionName: claim.institutionName,
        timeline: claim.timeline.map((e) => ({ ...e, note: text(e.note) })),
        missingMaterials: claim.missingMaterials.map(text),
        nextStep: text(claim.nextStep),
        claimedFen: show ? claim.claimedFen : null,
        approvedFen: show ? claim.approvedFen : null,
      },
      showAmounts: show,
      expiresAt: grant.expiresAt.toISOString(),
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private async ownerName (personId: number): Promise<string> {
    return (await findPersonById(this.db, personId))?.name ?? ''
  }

  /**
   * A private-message id for the sharer's WeChat openid, or null: without WeChat credentials, for a session that did
   * not log in through WeChat, or when WeChat fails (the client then shares a plain card). Logged without the openid.
   */
  private async activityId (sharer: Sharer, grantId: number): Promise<string | null> {
    if (!this.activity || sharer.identityId === null) return null
    try {
      const identity = await findIdentityById(this.db, sharer.identityId)
      if (!identity || identity.platform !== 'wechat' || identity.personId !== sharer.personId) return null
      return (await this.activity.create(identity.subject)).activityId
    } catch (e) {
      const why = e instanceof AppError ? { code: e.code, cause: String(e.cause ?? '') } : { code: 'error', cause: e instanceof Error ? e.name : 'unknown' }
      this.log.warn({ grantId, ...why }, 'wechat activity id not created; the share is a plain card')
      return null
    }
  }
}

/** The owner's own note, one line; blank is none. */
function cleanLabel (label: string | undefined): string | null {
  const clean = Array.from(label ?? '').map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join('').trim()
  return clean === '' ? null : clean
}

function grantOf (r: ShareGrantRow & { claimTitle: string; claimNo: string }, now: Date): ShareGrant {
  return {
    id: r.id,
    claim: { id: r.claimId, title: r.claimTitle, claimNo: r.claimNo },
    recipientLabel: r.recipientLabel,
    showAmounts: r.showAmounts,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    status: r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active',
    viewCount: r.viewCount,
    lastViewedAt: r.lastViewedAt?.toISOString() ?? null,
  }
}

/** One sentence for the owner: what the recipient will see, and until when. */
export function summary (ownerMasked: string, claim: Pick<SharedClaim, 'title' | 'stageName' | 'missingMaterials'>, showAmounts: boolean, expiresAt: Date): string {
  const parts = [`办理阶段（${claim.stageName}）和每一步的日期`]
  if (claim.missingMaterials.length) parts.push(`需要补充的 ${claim.missingMaterials.length} 项材料`)
  parts.push('下一步怎么办')
  return `家人会看到${ownerMasked}的“${claim.title}”：${parts.join('、')}，${showAmounts ? '也能看到申请和核定的金额' : '看不到金额'}；` +
    `链接在 ${chinaTimeText(expiresAt)} 前有效，您也可以随时撤回。`
}
