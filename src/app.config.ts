// App pages, the account and verify subpackages and their preloads, and the window look (all three targets).
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
  ],
  // 首页 leads to the account pages, so their package downloads while the person reads the balance, and to the
  // verification page once the window has passed; 登录 leads to 忘记密码, so that package is ready before the tap.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/account', 'packages/verify'] },
    'pages/login/index': { network: 'all', packages: ['packages/verify'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0e6bb0',
    navigationBarTitleText: '医保账户',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f9',
  },
})
