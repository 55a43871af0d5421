// App pages, the account subpackage and its preload, and the window look (all three targets).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/login/index',
  ],
  subPackages: [
    { root: 'packages/account', pages: ['pages/balance/index'] },
  ],
  // 首页 leads to the account pages, so their package downloads while the person reads the balance.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/account'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0e6bb0',
    navigationBarTitleText: '医保账户',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f9',
  },
})
