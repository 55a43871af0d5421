// 报销详情 window settings: pull down to read the claim again. It is also the page a WeChat progress notice opens
// (packages/account/pages/claim/index?id=…), possibly as the first page.
export default definePageConfig({
  navigationBarTitleText: '报销详情',
  enablePullDownRefresh: true,
})
