// 缴费记录 window settings: pull down to refresh, the next page well before the bottom.
export default definePageConfig({
  navigationBarTitleText: '缴费记录',
  enablePullDownRefresh: true,
  onReachBottomDistance: 400,
})
