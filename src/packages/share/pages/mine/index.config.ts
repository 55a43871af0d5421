// 我的分享 window settings: pull down to read the list again (view counts change while it is open).
export default definePageConfig({
  navigationBarTitleText: '我的分享',
  enablePullDownRefresh: true,
})
