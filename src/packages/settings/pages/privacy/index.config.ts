// 隐私与授权 window settings.
export default definePageConfig({
  navigationBarTitleText: '隐私与授权',
})
