// 首页 window settings.
export default definePageConfig({
  navigationBarTitleText: '医保账户',
})
