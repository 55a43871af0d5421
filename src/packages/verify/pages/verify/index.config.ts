// 身份验证 window settings.
export default definePageConfig({
  navigationBarTitleText: '身份验证',
})
