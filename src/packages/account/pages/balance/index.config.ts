// 账户余额 window settings.
export default definePageConfig({
  navigationBarTitleText: '账户余额',
})
