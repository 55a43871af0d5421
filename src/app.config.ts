// App pages, the account, verify, hospital, share and settings subpackages and their preloads, and the window look (all three targets).
import {
  BALANCE_PAGE, BIND_PAGE, CLAIM_PAGE, CLAIMS_PAGE, CONTRIBUTIONS_PAGE, HOME_PAGE, HOSPITAL_PAGE, LOGIN_PAGE, MY_SHARES_PAGE,
  PRIVACY_SETTINGS_PAGE, RESET_PASSWORD_PAGE, SHARE_CREATE_PAGE, SHARE_VIEW_PAGE, SPENDING_DETAIL_PAGE, SPENDING_PAGE, VERIFY_PAGE, routeOf,
} from './routes'

/** A subpackage as the config names it: its root, and its pages relative to that root. */
function subPackage (root: string, pages: string[]) {
  return {
    root,
    pages: pages.map((page) => {
      const route = routeOf(page)
      if (!route.startsWith(`${root}/`)) throw new Error(`${page} is not in ${root}`)
      return route.slice(root.length + 1)
    }),
  }
}

export default defineAppConfig({
  pages: [routeOf(HOME_PAGE), routeOf(LOGIN_PAGE)],
  subPackages: [
    subPackage('packages/account', [BALANCE_PAGE, CONTRIBUTIONS_PAGE, SPENDING_PAGE, SPENDING_DETAIL_PAGE, CLAIMS_PAGE, CLAIM_PAGE]),
    subPackage('packages/verify', [RESET_PASSWORD_PAGE, VERIFY_PAGE, BIND_PAGE]),
    // What a hospital's QR code opens (?code=<entry code>): its own small package, so a cold start from a scan is light.
    subPackage('packages/hospital', [HOSPITAL_PAGE]),
    // 家人查看 (?t=<share token>, no login), 我的分享 and 分享给家人 (?claim=<id>).
    subPackage('packages/share', [SHARE_VIEW_PAGE, MY_SHARES_PAGE, SHARE_CREATE_PAGE]),
    // 设置: 隐私与授权 (the consents, their texts, withdrawal), reached from 首页.
    subPackage('packages/settings', [PRIVACY_SETTINGS_PAGE]),
  ],
  // 首页 leads to the account pages, so their package downloads while the person reads the balance, and to the
  // verification page once the window has passed; 登录 leads to 忘记密码, so that package is ready before the tap.
  preloadRule: {
    [routeOf(HOME_PAGE)]: { network: 'all', packages: ['packages/account', 'packages/verify'] },
    [routeOf(LOGIN_PAGE)]: { network: 'all', packages: ['packages/verify'] },
    [routeOf(CLAIM_PAGE)]: { network: 'all', packages: ['packages/share'] },
  },
  // WeChat indexes pages unless told not to: the personal and shared pages are disallowed (config copies the file).
  ...(process.env.TARO_ENV === 'weapp' ? { sitemapLocation: 'sitemap.json' } : {}),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0e6bb0',
    navigationBarTitleText: '医保账户',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f9',
  },
})
