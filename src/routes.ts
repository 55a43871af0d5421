// Every page's address, in one place: what Taro.navigateTo / redirectTo / reLaunch take, and the small builders for
// the pages that read a query. A leaf (strings only), so pages, stores, platform and app.config may all import it.

// The main package (loaded before anything else).
export const HOME_PAGE = '/pages/index/index'
export const LOGIN_PAGE = '/pages/login/index'

// packages/account: the person's own account.
export const BALANCE_PAGE = '/packages/account/pages/balance/index'
export const CONTRIBUTIONS_PAGE = '/packages/account/pages/contributions/index'
export const SPENDING_PAGE = '/packages/account/pages/spending/index'
export const SPENDING_DETAIL_PAGE = '/packages/account/pages/spending-detail/index'
export const CLAIMS_PAGE = '/packages/account/pages/claims/index'
export const CLAIM_PAGE = '/packages/account/pages/claim/index'

// packages/verify: proving who one is, binding an identity, a new query password.
export const RESET_PASSWORD_PAGE = '/packages/verify/pages/reset-password/index'
export const VERIFY_PAGE = '/packages/verify/pages/verify/index'
export const BIND_PAGE = '/packages/verify/pages/bind/index'

// packages/hospital: what a hospital's QR code opens.
export const HOSPITAL_PAGE = '/packages/hospital/pages/index/index'

// packages/share: the family view (no login), 我的分享 and 分享给家人.
export const SHARE_VIEW_PAGE = '/packages/share/pages/view/index'
export const MY_SHARES_PAGE = '/packages/share/pages/mine/index'
export const SHARE_CREATE_PAGE = '/packages/share/pages/create/index'

// packages/settings: 设置 (reached from 首页): 隐私与授权 — the consents given, their texts, withdrawal.
export const PRIVACY_SETTINGS_PAGE = '/packages/settings/pages/privacy/index'

/**
 * A page's route as the framework names it (app.config's lists, `getCurrentPages()[n].route`, an entry's `path`):
 * the address without its leading slash.
 */
export function routeOf (page: string): string {
  return page.replace(/^\//, '')
}

/** 报销详情 of one claim. */
export const claimUrl = (id: number): string => `${CLAIM_PAGE}?id=${id}`

/** 消费详情 of one settlement. */
export const spendingDetailUrl = (id: number): string => `${SPENDING_DETAIL_PAGE}?id=${id}`

/** 分享给家人 for one claim. */
export const shareCreateUrl = (claimId: number): string => `${SHARE_CREATE_PAGE}?claim=${claimId}`

/** A hospital's page for its public entry code. */
export const hospitalUrl = (code: string): string => `${HOSPITAL_PAGE}?code=${code}`

/** The family view of one share token. */
export const shareViewUrl = (token: string): string => `${SHARE_VIEW_PAGE}?t=${token}`
