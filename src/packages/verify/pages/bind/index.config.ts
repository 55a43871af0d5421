// 实名绑定 window settings.
export default definePageConfig({
  navigationBarTitleText: '实名绑定',
})
