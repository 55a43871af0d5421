// 报销进度 window settings: pull down to refresh, the next page well before the bottom.
export default definePageConfig({
  navigationBarTitleText: '报销进度',
  enablePullDownRefresh: true,
  onReachBottomDistance: 300,
})
