// 登录 window settings.
export default definePageConfig({
  navigationBarTitleText: '登录',
})
