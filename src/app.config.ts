// App pages, the account, verify, hospital and share subpackages and their preloads, and the window look (all three targets).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/login/index',
  ],
  subPackages: [
    {
      root: 'packages/account',
      pages: [
        'pages/balance/index', 'pages/contributions/index', 'pages/spending/index', 'pages/spending-detail/index',
        'pages/claims/index', 'pages/claim/index',
      ],
    },
    { root: 'packages/verify', pages: ['pages/reset-password/index', 'pages/verify/index', 'pages/bind/index'] },
    // What a hospital's QR code opens (?code=<entry code>): its own small package, so a cold start from a scan is light.
    { root: 'packages/hospital', pages: ['pages/index/index'] },
    // 家人查看 (?t=<share token>, no login), 我的分享 and 分享给家人 (?claim=<id>).
    { root: 'packages/share', pages: ['pages/view/index', 'pages/mine/index', 'pages/create/index'] },
  ],
  // 首页 leads to the account pages, so their package downloads while the person reads the balance, and to the
  // verification page once the window has passed; 登录 leads to 忘记密码, so that package is ready before the tap.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/account', 'packages/verify'] },
    'pages/login/index': { network: 'all', packages: ['packages/verify'] },
    'packages/account/pages/claim/index': { network: 'all', packages: ['packages/share'] },
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
