// Fakes for the share stores: a grant and the answers the server gives for it, the family view's answer, and a share
// capability of each kind (WeChat card, Alipay panel, H5 link) whose answers each test sets.
import type { ShareCreated, ShareGrant, ShareView } from '../../../../../types/api/shares'
import type { ClaimDetail } from '../../../../../types/api/claims'
import type { ShareCapability, ShareWay } from '../../../../../src/platform/share'

export const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012_-9'

export function grant (over: Partial<ShareGrant> = {}): ShareGrant {
  return {
    id: 5, claim: { id: 31, title: '住院费用零星报销', claimNo: 'BX31010420261103000001' }, recipientLabel: '女儿', showAmounts: false,
    createdAt: '2026-11-20T02:00:00Z', expiresAt: '2026-11-21T02:00:00Z', revokedAt: null, status: 'active',
    viewCount: 0, lastViewedAt: null, ...over,
  }
}

export function created (over: Partial<ShareCreated> = {}): ShareCreated {
  return {
    grant: grant(), token: TOKEN, path: `/packages/share/pages/view/index?t=${TOKEN}`, url: null, activityId: null,
    summary: '家人会看到陈*的“住院费用零星报销”：办理阶段（初审中）和每一步的日期、下一步怎么办，看不到金额；链接在 2026年11月21日 10:00 前有效，您也可以随时撤回。',
    ...over,
  }
}

export function claim (over: Partial<ClaimDetail> = {}): ClaimDetail {
  return {
    id: 31, claimNo: 'BX31010420261103000001', title: '住院费用零星报销', stage: 'first_review', stageName: '初审中',
    submittedAt: '2026-11-03T01:30:00Z', updatedAt: '2026-11-05T02:00:00Z', claimedFen: 862450, approvedFen: null,
    institution: { code: 'H31010400001', name: '上海市第六人民医院' }, nextStep: '正在初审，预计2026年11月19日前有结果。',
    timeline: [], missingMaterials: [], deductions: [], payout: null, subscribed: false, subscribeTemplateId: null, ...over,
  }
}

export function shareView (over: Partial<ShareView> = {}, claimOver: Partial<ShareView['claim']> = {}): ShareView {
  return {
    ownerNameMasked: '陈**',
    claim: {
      title: '住院费用零星报销', stage: 'first_review', stageName: '初审中', submittedAt: '2026-11-03T01:30:00Z',
      updatedAt: '2026-11-05T02:00:00Z', institutionName: '上海市第六人民医院',
      timeline: [
        { stage: 'submitted', stageName: '已提交', at: '2026-11-03T01:30:00Z', note: '已提交报销申请及材料' },
        { stage: 'first_review', stageName: '初审中', at: '2026-11-05T02:00:00Z', note: '医保经办机构已受理，正在初审' },
      ],
      missingMaterials: [], nextStep: '正在初审，预计2026年11月19日前有结果。', claimedFen: null, approvedFen: null, ...claimOver,
    },
    showAmounts: false, expiresAt: '2026-11-21T02:00:00Z', ...over,
  }
}

/** A share capability of one kind; every method a jest.fn with a plausible answer. */
export function fakeShare (way: ShareWay) {
  const share = {
    way,
    prepareCard: jest.fn(async (activityId: string | null): Promise<boolean> => activityId !== null),
    openPanel: jest.fn(async (): Promise<boolean> => true),
    webLink: jest.fn((token: string) => `https://h5.test/#/packages/share/pages/view/index?t=${token}`),
    copy: jest.fn(async (_text: string): Promise<boolean> => true),
    qrCode: jest.fn(async (text: string): Promise<string | null> => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`),
    hideFromCapture: jest.fn(() => () => undefined),
  } satisfies ShareCapability
  return share
}
