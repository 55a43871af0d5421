// 重设查询密码 window settings.
export default definePageConfig({
  navigationBarTitleText: '重设查询密码',
})
